using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Codecs;
using EdgePbx.Media.Dtmf;
using EdgePbx.Media.Fax;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Media.Tests.Interop;

/// <summary>
/// Our RtpSession and detectors against RTP that a real sipp sends after a real SIP call set-up: the RFC 4733
/// captures Debian's sip-tester ships (play_pcap_audio) and raw G.711 made by sox (rtp_stream).
/// </summary>
public sealed class SippRtpTests
{
    private const string Captures = "/usr/share/sip-tester";

    private sealed class Collector(Action<RtpHeader, byte[]> onPacket) : IRtpReceiver
    {
        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload) => onPacket(header, payload.ToArray());

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    internal static RtpSession OpenSession(IRtpReceiver receiver)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)probe.LocalEndPoint!).Port & ~1;
            probe.Dispose();
            var factory = new RtpSessionFactory(new RtpPortRange(port, port + 1), IPAddress.Loopback, TimeProvider.System, NullLogger<RtpSessionFactory>.Instance);
            if (factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(30), receiver) is { } session)
            {
                return session;
            }
        }

        throw new InvalidOperationException("no free RTP port on loopback");
    }

    /// <summary>Ticks the session (as the media clock would) while packets keep arriving, until done() or a quiet spell.</summary>
    internal static void Pump(RtpSession session, Func<bool> done, TimeSpan quietAfterDone, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        DateTime? finishedAt = null;
        while (DateTime.UtcNow < deadline)
        {
            SpinWait.SpinUntil(() => session.PendingBytes > 0, TimeSpan.FromMilliseconds(50));
            session.Tick();
            if (finishedAt is null && done())
            {
                finishedAt = DateTime.UtcNow;
            }

            if (finishedAt is { } t && DateTime.UtcNow - t > quietAfterDone)
            {
                return;
            }
        }
    }

    public static TheoryData<string, char> DtmfCaptures() => new()
    {
        { "0", '0' }, { "1", '1' }, { "2", '2' }, { "3", '3' }, { "4", '4' }, { "5", '5' },
        { "6", '6' }, { "7", '7' }, { "8", '8' }, { "9", '9' }, { "star", '*' }, { "pound", '#' },
    };

    [Theory]
    [MemberData(nameof(DtmfCaptures))]
    public void Sipp_playing_the_sip_tester_rfc4733_capture_is_decoded_as_its_digit(string name, char digit)
    {
        if (!SippUas.Available())
        {
            return;
        }

        var capture = Path.Combine(Captures, $"dtmf_2833_{name}.pcap");
        Assert.True(File.Exists(capture), $"{capture} is missing (package sip-tester)");
        var events = new TelephoneEventReceiver();
        var digits = new System.Text.StringBuilder();
        var eventPackets = 0;
        using var session = OpenSession(new Collector((header, payload) =>
        {
            if (header.PayloadType == 101)
            {
                eventPackets++;
                if (events.Receive(header.Timestamp, payload) is { } d)
                {
                    digits.Append(d);
                }
            }
        }));
        using var uas = SippUas.Start($"<nop><action><exec play_pcap_audio=\"{capture}\"/></action></nop>");
        using var caller = new SipCaller(uas.Port);

        caller.Invite(session.LocalPort);
        Pump(session, () => digits.Length > 0, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(8));
        caller.Bye();

        Assert.True(uas.Succeeded(out var log), log);
        Assert.Equal(digit.ToString(), digits.ToString());

        // The capture holds 10 packets (start, updates, three ends); all but the probation packet reach us.
        Assert.True(eventPackets >= 8, $"only {eventPackets} event packets arrived");
    }

    private static string MuLawFile(short[] pcm)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgepbx-media-{Guid.NewGuid():N}.ulaw");
        var raw = Path.ChangeExtension(path, ".raw");
        File.WriteAllBytes(raw, System.Runtime.InteropServices.MemoryMarshal.AsBytes(pcm.AsSpan()).ToArray());
        try
        {
            // sox does the µ-law encoding, not our G711 class.
            ExternalTool.Run("sox", $"-t raw -r 8000 -e signed -b 16 -c 1 {raw} -t raw -e u-law -c 1 {path}");
        }
        finally
        {
            File.Delete(raw);
        }

        return path;
    }

    [Fact]
    public void Sipp_rtp_stream_of_sox_made_keys_is_detected_in_band()
    {
        if (!SippUas.Available() || !ExternalTool.Available("sox"))
        {
            return;
        }

        const string keys = "159#0*";
        double[] rows = [697, 770, 852, 941];
        double[] columns = [1209, 1336, 1477, 1633];
        const string layout = "123A456B789C*0#D";
        var pcm = ToolAudio.Sox("synth 0.1 sine 0 vol 0").ToList();
        foreach (var key in keys)
        {
            var index = layout.IndexOf(key, StringComparison.Ordinal);
            pcm.AddRange(ToolAudio.Sox($"synth 0.06 sine {rows[index / 4]} sine {columns[index % 4]} remix 1v0.2,2v0.2 pad 0 0.06"));
        }

        var file = MuLawFile([.. pcm]);
        try
        {
            var detector = new DtmfDetector();
            var digits = new System.Text.StringBuilder();
            var frame = new short[160];
            var found = new char[8];
            var audioPackets = 0;
            using var session = OpenSession(new Collector((header, payload) =>
            {
                if (header.PayloadType == 0)
                {
                    audioPackets++;
                    var samples = frame.AsSpan(0, Math.Min(frame.Length, payload.Length));
                    G711.Decode(AudioCodec.Pcmu, payload.AsSpan(0, samples.Length), samples);
                    digits.Append(found, 0, detector.Process(samples, found));
                }
            }));
            using var uas = SippUas.Start($"<nop><action><exec rtp_stream=\"{file},1,0\"/></action></nop>");
            using var caller = new SipCaller(uas.Port);

            caller.Invite(session.LocalPort);
            Pump(session, () => digits.Length >= keys.Length, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(8));
            caller.Bye();

            Assert.True(uas.Succeeded(out var log), log);
            Assert.True(audioPackets > 30, $"only {audioPackets} audio packets arrived");
            Assert.Equal(keys, digits.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Sipp_rtp_stream_of_sox_made_cng_is_reported_as_fax_within_the_first_burst()
    {
        if (!SippUas.Available() || !ExternalTool.Available("sox"))
        {
            return;
        }

        // T.30 CNG: 1100 Hz, 0.5 s on, 3 s off (one cadence is enough).
        var file = MuLawFile(ToolAudio.Sox("synth 0.5 sine 1100 vol -12dB pad 0.2 1"));
        try
        {
            var detector = new FaxToneDetector();
            var frame = new short[160];
            var samplesSeen = 0;
            int? reportedAt = null;
            using var session = OpenSession(new Collector((header, payload) =>
            {
                if (header.PayloadType == 0 && reportedAt is null)
                {
                    var samples = frame.AsSpan(0, Math.Min(frame.Length, payload.Length));
                    G711.Decode(AudioCodec.Pcmu, payload.AsSpan(0, samples.Length), samples);
                    samplesSeen += samples.Length;
                    if (detector.Process(samples) == FaxTone.Cng)
                    {
                        reportedAt = samplesSeen;
                    }
                }
            }));
            using var uas = SippUas.Start($"<nop><action><exec rtp_stream=\"{file},1,0\"/></action></nop>");
            using var caller = new SipCaller(uas.Port);

            caller.Invite(session.LocalPort);
            Pump(session, () => reportedAt is not null, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(8));
            caller.Bye();

            Assert.True(uas.Succeeded(out var log), log);
            Assert.NotNull(reportedAt);

            // Reported before the 0.5 s burst (which starts 0.2 s in) is over, give or take the probation packet.
            Assert.True(reportedAt <= (int)(0.72 * 8000), $"CNG reported after {reportedAt / 8.0} ms of audio");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
