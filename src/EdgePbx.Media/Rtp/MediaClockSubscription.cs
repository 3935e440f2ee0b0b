namespace EdgePbx.Media.Rtp;

/// <summary>A subscriber's place on the <see cref="MediaClock"/>: dispose to leave; <see cref="SetSlow"/> to change lanes.</summary>
public sealed class MediaClockSubscription : IDisposable
{
    private readonly MediaClock _clock;
    private readonly int _slot;
    private readonly Action _onFrame;

    internal MediaClockSubscription(MediaClock clock, int slot, Action onFrame)
    {
        _clock = clock;
        _slot = slot;
        _onFrame = onFrame;
    }

    /// <summary>
    /// True: called only every <see cref="MediaClock.SlowLaneFrames"/>th frame from the next tick on; false: every
    /// frame again. Any thread may set it (it takes the clock's lock: set it when the need changes, not per frame).
    /// </summary>
    public void SetSlow(bool slow) => _clock.SetSlow(_slot, _onFrame, slow);

    public void Dispose() => _clock.Remove(_slot, _onFrame);
}
