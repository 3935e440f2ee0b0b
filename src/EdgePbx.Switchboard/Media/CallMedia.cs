using EdgePbx.Media.Rtp;

namespace EdgePbx.Switchboard.Media;

/// <summary>
/// One call's media on the shared media clock: ticks the caller's session (and, once bridged, the answering
/// leg's), plays the current <see cref="IFrameSource"/> to the caller, and bridges the two legs through an
/// <see cref="RtpRelay"/>. The engine sets sources and the relay from its worker; the clock thread only
/// reads them, so they are swapped through volatile fields and nothing is locked per frame.
/// </summary>
public sealed class CallMedia : IRtpReceiver, IDisposable
{
    /// <summary>
    /// Once bridged with nothing playing, and both legs receive on arrival, a frame has nothing to do but look
    /// for a media timeout (which is seconds long): the call moves to the clock's slow lane and looks every this
    /// many frames (200 ms), not every 20 ms. Bridged calls are most of the calls up; the clock skips them
    /// without touching the call or its sessions.
    /// </summary>
    internal const int IdleCheckFrames = MediaClock.SlowLaneFrames;

    private readonly RtpSession _caller;
    private readonly byte[] _frame = new byte[160];
    private readonly byte[] _answeredFrame = new byte[160];
    private readonly Action _sourceFinished;
    private readonly Action _mediaTimedOut;
    private readonly MediaClockSubscription _subscription;
    private IFrameSource? _source;
    private CallerInput? _input;
    private RtpSession? _answered;
    private RtpRelay? _relay;
    private IFrameSource? _toAnswered;
    private int _disposed;
    private bool _slow; // the lane the clock thread last asked for

    /// <param name="clock">The media clock.</param>
    /// <param name="caller">The caller's session.</param>
    /// <param name="sourceFinished">Called on the clock thread when a source ends: post to the engine.</param>
    /// <param name="mediaTimedOut">Called on the clock thread when a bridged leg goes silent: post to the engine.</param>
    public CallMedia(MediaClock clock, RtpSession caller, Action sourceFinished, Action mediaTimedOut)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(caller);
        _caller = caller;
        _sourceFinished = sourceFinished;
        _mediaTimedOut = mediaTimedOut;
        caller.Receiver = this;
        _subscription = clock.Subscribe(OnFrame);
    }

    public RtpSession Caller => _caller;

    public bool Bridged => Volatile.Read(ref _answered) is not null;

    /// <summary>A source is playing to the caller (it has not ended, nor been replaced by silence).</summary>
    public bool Playing => Volatile.Read(ref _source) is not null;

    /// <summary>
    /// What listens to the caller's packets until the bridge (digits, fax tones); null ignores them. Set from
    /// the engine, read on the clock thread.
    /// </summary>
    public CallerInput? Input
    {
        get => Volatile.Read(ref _input);
        set => Volatile.Write(ref _input, value);
    }

    /// <summary>Plays <paramref name="source"/> to the caller from the next frame on (null: silence).</summary>
    public void Play(IFrameSource? source)
    {
        Volatile.Write(ref _source, source);
        if (source is not null)
        {
            _subscription.SetSlow(false);
        }
    }

    /// <summary>
    /// Stops any source and relays caller and answering leg from the next frame on. <paramref name="answeredListener"/>
    /// hears the answering leg's packets before they are relayed (CED on an outbound fax leg); it changes nothing.
    /// </summary>
    public void Bridge(RelayLeg caller, RelayLeg answered, CallerInput? answeredListener = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(answered);
        Volatile.Write(ref _source, null);
        Volatile.Write(ref _toAnswered, null);
        var relay = new RtpRelay(caller, answered);
        relay.MediaTimedOut += _ => _mediaTimedOut();
        if (answeredListener is not null)
        {
            answered.Session.Receiver = new ListenedReceiver(relay, answeredListener);
        }

        Volatile.Write(ref _relay, relay);
        Volatile.Write(ref _answered, answered.Session);
    }

    /// <summary>
    /// Holds or resumes the bridge: while <paramref name="held"/>, the relay forwards nothing, and
    /// <paramref name="toCaller"/> / <paramref name="toAnswered"/> (music on hold, or null for silence) play to
    /// the side that did not hold. Resuming (held false) stops the music and relays again from the next packet.
    /// </summary>
    public void Hold(bool held, IFrameSource? toCaller, IFrameSource? toAnswered)
    {
        if (Volatile.Read(ref _relay) is not { } relay)
        {
            return;
        }

        relay.Paused = held;
        Volatile.Write(ref _source, held ? toCaller : null);
        Volatile.Write(ref _toAnswered, held ? toAnswered : null);
        if (held && (toCaller is not null || toAnswered is not null))
        {
            _subscription.SetSlow(false);
        }
    }

    public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        // Before the bridge the caller's packets go nowhere but to the listener (RFC 4733, in-band DTMF, CNG).
        Volatile.Read(ref _input)?.Process(header, payload);
    }

    public void OnMediaTimeout(RtpSession session)
    {
        // Silence before the bridge is normal (callers rarely send during early media); only a bridged call ends.
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _subscription.Dispose();
        _caller.Dispose();
        Volatile.Read(ref _answered)?.Dispose();
    }

    private void OnFrame()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var answered = Volatile.Read(ref _answered);
        try
        {
            _caller.Tick();
            answered?.Tick();
            if (answered is not null && Volatile.Read(ref _toAnswered) is { } music && music.NextFrame(_answeredFrame))
            {
                answered.SendFrame(_answeredFrame);
            }

            if (Volatile.Read(ref _source) is { } source)
            {
                if (source.NextFrame(_frame))
                {
                    _caller.SendFrame(_frame);
                }
                else if (Interlocked.CompareExchange(ref _source, null, source) == source)
                {
                    _sourceFinished();
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The call ended between the check above and the socket use: nothing left to do.
        }

        ChooseLane(answered);
    }

    private void ChooseLane(RtpSession? answered)
    {
        var idle = answered is not null && Idle(answered);
        if (idle == _slow)
        {
            return;
        }

        _slow = idle;
        _subscription.SetSlow(idle);
        if (idle && !Idle(answered!))
        {
            // Music or a prompt was set while we moved: its setter's SetSlow(false) may have come before ours.
            _slow = false;
            _subscription.SetSlow(false);
        }
    }

    // Nothing to send and nothing to drain: the relay forwards on arrival, on the I/O thread.
    private bool Idle(RtpSession answered) =>
        Volatile.Read(ref _source) is null && Volatile.Read(ref _toAnswered) is null && _caller.ReceivesOnArrival && answered.ReceivesOnArrival;
}
