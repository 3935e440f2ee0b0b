namespace EdgePbx.Switchboard.Media;

/// <summary>Plays sources one after the other (a greeting, then the beep); over when the last one is.</summary>
public sealed class SequenceSource(IReadOnlyList<IFrameSource> sources) : IFrameSource
{
    private int _current;

    public bool NextFrame(Span<byte> frame)
    {
        while (_current < sources.Count)
        {
            if (sources[_current].NextFrame(frame))
            {
                return true;
            }

            _current++;
        }

        return false;
    }
}
