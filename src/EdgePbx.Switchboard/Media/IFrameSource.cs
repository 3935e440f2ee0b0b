namespace EdgePbx.Switchboard.Media;

/// <summary>Audio the box plays to a caller, one 20 ms G.711 frame (160 bytes) per media clock tick.</summary>
public interface IFrameSource
{
    /// <summary>Writes the next frame; false when the source is over.</summary>
    bool NextFrame(Span<byte> frame);
}
