namespace EdgePbx.Switchboard.Media;

/// <summary>Plays at most <paramref name="frames"/> frames of another source, then ends (a short tone).</summary>
public sealed class LimitedSource(IFrameSource inner, int frames) : IFrameSource
{
    private int _left = frames;

    public bool NextFrame(Span<byte> frame)
    {
        if (_left <= 0)
        {
            return false;
        }

        _left--;
        return inner.NextFrame(frame);
    }
}
