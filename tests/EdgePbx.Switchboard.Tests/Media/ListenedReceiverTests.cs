using System.Net;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using EdgePbx.Switchboard.Media;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Media;

/// <summary>
/// An answered leg's CED listener sits in front of the relay only for its listening frames: then the leg is the
/// relay's alone again (so that a kernel relay may take the direction over), and a receiver someone else set
/// meanwhile is left alone.
/// </summary>
public sealed class ListenedReceiverTests : IDisposable
{
    private static readonly NegotiatedMedia Pcmu = new(0, "127.0.0.1", 4000, AudioCodec.Pcmu, 0, null, 20, MediaDirection.SendReceive);
    private readonly RtpSessionFactory _factory;
    private readonly RtpSession _session;
    private readonly Counting _relay = new();

    public ListenedReceiverTests()
    {
        var basePort = 35000 + (Environment.ProcessId % 500 * 4);
        _factory = new RtpSessionFactory(new RtpPortRange(basePort, basePort + 3), IPAddress.Loopback, new FakeTimeProvider(), NullLogger<RtpSessionFactory>.Instance);
        _session = _factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(30), _relay)!;
    }

    public void Dispose()
    {
        _session.Dispose();
        _factory.Dispose();
    }

    private sealed class Counting : IRtpReceiver
    {
        public int Packets { get; private set; }

        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload) => Packets++;

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    [Fact]
    public void After_its_listening_frames_the_leg_goes_back_to_the_relay_alone()
    {
        var listener = new CallerInput(Pcmu, detectDigits: false, static (_, _) => { }, static _ => { }, listenFrames: 3);
        var listened = new ListenedReceiver(_relay, listener);
        _session.Receiver = listened;
        var frame = new byte[160];

        listened.OnRtp(_session, new RtpHeader(false, 0, 1, 160, 1), frame);
        listened.OnRtp(_session, new RtpHeader(false, 0, 2, 320, 1), frame);
        Assert.Same(listened, _session.Receiver);
        listened.OnRtp(_session, new RtpHeader(false, 0, 3, 480, 1), frame);

        Assert.Same(_relay, _session.Receiver);
        Assert.Equal(3, _relay.Packets); // every packet was relayed meanwhile
    }

    [Fact]
    public void A_receiver_set_by_someone_else_meanwhile_is_kept()
    {
        var listener = new CallerInput(Pcmu, detectDigits: false, static (_, _) => { }, static _ => { }, listenFrames: 1);
        var listened = new ListenedReceiver(_relay, listener);
        var other = new Counting();
        _session.Receiver = other; // a transfer bridged the leg anew

        listened.OnRtp(_session, new RtpHeader(false, 0, 1, 160, 1), new byte[160]);

        Assert.Same(other, _session.Receiver);
    }

    [Fact]
    public void A_listener_for_digits_keeps_listening()
    {
        var listener = new CallerInput(Pcmu, detectDigits: true, static (_, _) => { }, static _ => { }, listenFrames: 1);
        var listened = new ListenedReceiver(_relay, listener);
        _session.Receiver = listened;

        listened.OnRtp(_session, new RtpHeader(false, 0, 1, 160, 1), new byte[160]);

        Assert.Same(listened, _session.Receiver);
    }
}
