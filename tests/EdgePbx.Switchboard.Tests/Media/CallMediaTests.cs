using System.Net;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using EdgePbx.Switchboard.Media;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Media;

/// <summary>
/// CallMedia on a media clock driven by a FakeTimeProvider, with real RTP sessions on loopback that receive
/// nothing: a bridged call with nothing playing looks at its legs only every few frames, yet its media timeout
/// still comes within that many frames of being due, and what plays (music on hold) still gets every frame.
/// </summary>
public sealed class CallMediaTests : IDisposable
{
    private static readonly TimeSpan Frame = MediaClock.FrameInterval;
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new();
    private readonly MediaClock _clock;
    private readonly RtpSessionFactory _factory;
    private readonly List<IDisposable> _owned = [];
    private int _timeouts;

    public CallMediaTests()
    {
        _clock = new MediaClock(_time);
        var basePort = 33000 + (Environment.ProcessId % 500 * 16);
        _factory = new RtpSessionFactory(new RtpPortRange(basePort, basePort + 15), IPAddress.Loopback, _time, NullLogger<RtpSessionFactory>.Instance);
    }

    private sealed class CountingSource : IFrameSource
    {
        public int Frames { get; private set; }

        public bool NextFrame(Span<byte> frame)
        {
            Frames++;
            frame.Fill(0xFF);
            return true;
        }
    }

    private RtpSession Open()
    {
        var session = _factory.Open(new IPEndPoint(IPAddress.Loopback, 9), MediaTimeout, new NullReceiver())!;
        Assert.NotNull(session);
        return session;
    }

    private sealed class NullReceiver : IRtpReceiver
    {
        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
        {
        }

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    private CallMedia Bridged()
    {
        var caller = Open();
        var answered = Open();
        var media = new CallMedia(_clock, caller, () => { }, () => Interlocked.Increment(ref _timeouts));
        _owned.Add(media);
        media.Bridge(new RelayLeg(caller, AudioCodec.Pcmu, 0, 101), new RelayLeg(answered, AudioCodec.Pcmu, 0, 101));

        // The first frame after the bridge hands both legs over to arrival mode.
        _time.Advance(Frame);
        Assert.True(caller.ReceivesOnArrival);
        Assert.True(answered.ReceivesOnArrival);
        return media;
    }

    [Fact]
    public void A_bridged_silent_call_times_out_no_later_than_the_idle_check_interval_after_its_media_timeout()
    {
        Bridged();
        var elapsed = Frame;
        while (elapsed < MediaTimeout - Frame)
        {
            _time.Advance(Frame);
            elapsed += Frame;
        }

        Assert.Equal(0, Volatile.Read(ref _timeouts));
        var late = TimeSpan.Zero;
        while (Volatile.Read(ref _timeouts) == 0 && late < MediaTimeout)
        {
            _time.Advance(Frame);
            late += Frame;
        }

        // Both legs are silent: each reports its timeout (the engine ends the call on the first).
        Assert.InRange(Volatile.Read(ref _timeouts), 1, 2);
        Assert.True(late <= Frame * (CallMedia.IdleCheckFrames + 1), $"the timeout came {late.TotalMilliseconds} ms after it was due");
    }

    [Fact]
    public void Music_on_hold_in_a_bridged_call_gets_every_frame()
    {
        var media = Bridged();
        var music = new CountingSource();
        media.Hold(true, toCaller: null, toAnswered: music);
        for (var i = 0; i < 3 * CallMedia.IdleCheckFrames; i++)
        {
            _time.Advance(Frame);
        }

        Assert.Equal(3 * CallMedia.IdleCheckFrames, music.Frames);
    }

    [Fact]
    public void A_source_played_to_the_caller_before_the_bridge_gets_every_frame()
    {
        var media = new CallMedia(_clock, Open(), () => { }, () => { });
        _owned.Add(media);
        var prompt = new CountingSource();
        media.Play(prompt);
        for (var i = 0; i < 25; i++)
        {
            _time.Advance(Frame);
        }

        Assert.Equal(25, prompt.Frames);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _factory.Dispose();
        _clock.Dispose();
    }
}
