using System.Net;
using EdgePbx.Media.Codecs;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Media.Tests.Interop;

/// <summary>
/// A prompt played over our RtpSession to a real sipp leg (SIP call set up, sipp's -rtp_echo returning every
/// RTP packet it receives on its media port) comes back intact: the decoded audio equals the prompt's.
/// The prompt is espeak-ng speech at its own 22.05 kHz, so the loader's resampling is on the path too.
/// </summary>
public sealed class PromptRoundTripTests
{
    private sealed class Collector : IRtpReceiver
    {
        public List<byte[]> Payloads { get; } = [];

        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload) => Payloads.Add(payload.ToArray());

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    [Theory]
    [InlineData("en", "Welcome to Edge P B X. For sales, press one.")]
    [InlineData("cmn", "您好，欢迎致电。销售请按一。")]
    public void Prompt_played_to_a_sipp_leg_comes_back_with_the_same_decoded_audio(string voice, string text)
    {
        if (!SippUas.Available() || !ExternalTool.Available("espeak-ng"))
        {
            return;
        }

        var wav = Path.Combine(Path.GetTempPath(), $"edgepbx-prompt-{Guid.NewGuid():N}.wav");
        ExternalTool.Run("espeak-ng", $"-v {voice} -w {wav} \"{text}\"");
        PromptAudio prompt;
        try
        {
            var loaded = WavPromptLoader.Load(wav, AudioCodec.Pcmu);
            Assert.True(loaded.Success, loaded.Error);
            prompt = loaded.Audio!;
        }
        finally
        {
            File.Delete(wav);
        }

        Assert.True(prompt.Duration > TimeSpan.FromSeconds(1), $"prompt is only {prompt.Duration}");
        var collector = new Collector();
        using var session = SippRtpTests.OpenSession(collector);
        using var uas = SippUas.Start("", "-rtp_echo");
        using var caller = new SipCaller(uas.Port);
        var answer = caller.Invite(session.LocalPort);

        // Send to where sipp's SDP answer says its media is.
        var mediaLine = answer.Split("\r\n").Single(l => l.StartsWith("m=audio ", StringComparison.Ordinal));
        session.SetRemoteEndPoint(new IPEndPoint(IPAddress.Loopback, int.Parse(mediaLine.Split(' ')[1])));
        session.PayloadType = 0;

        // One silent frame first: our receive side holds the first packet of a new source (RFC 3550 A.1 probation).
        var sent = new List<byte[]> { Enumerable.Repeat(G711.SilenceByte(AudioCodec.Pcmu), 160).ToArray() };
        var player = new PromptPlayer(prompt);
        var frame = new byte[160];
        while (player.NextFrame(frame))
        {
            sent.Add(frame.ToArray());
        }

        foreach (var payload in sent)
        {
            var before = session.Counters.PacketsReceived;
            session.SendFrame(payload);
            Assert.True(SpinWait.SpinUntil(() => session.PendingBytes > 0, TimeSpan.FromSeconds(5)), "sipp did not echo the frame");
            session.Tick();
            Assert.Equal(before + 1, session.Counters.PacketsReceived);
        }

        caller.Bye();
        Assert.True(uas.Succeeded(out var log), log);

        Assert.Equal(sent.Count - 1, collector.Payloads.Count);
        var expected = Decode(sent.Skip(1));
        var received = Decode(collector.Payloads);
        Assert.Equal(prompt.FrameCount * 160, expected.Length);
        Assert.Equal(expected, received);
    }

    private static short[] Decode(IEnumerable<byte[]> frames)
    {
        var encoded = frames.SelectMany(f => f).ToArray();
        var pcm = new short[encoded.Length];
        G711.Decode(AudioCodec.Pcmu, encoded, pcm);
        return pcm;
    }
}
