namespace EdgePbx.Switchboard.Media;

/// <summary>
/// Calls <paramref name="ended"/> once (on the clock thread: it must only post) when the inner source is over,
/// so a step can follow the end of what it played without the call's generic source-finished handling.
/// </summary>
public sealed class EndingSource(IFrameSource inner, Action ended) : IFrameSource
{
    private int _fired;

    public bool NextFrame(Span<byte> frame)
    {
        if (inner.NextFrame(frame))
        {
            return true;
        }

        if (Interlocked.Exchange(ref _fired, 1) == 0)
        {
            ended();
        }

        return false;
    }
}
