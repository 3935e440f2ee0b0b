using EdgePbx.Media.Codecs;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;
using EdgePbx.Switchboard.Voicemail;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>Greetings: the busy one when the hunt ended busy, and one recorded by the owner from a sipp phone.</summary>
[Collection("sipp")]
public sealed class GreetingTests
{
    [Fact]
    public async Task A_caller_whose_hunt_ended_busy_hears_the_busy_greeting_not_the_unavailable_one()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.StartWithVoicemail(VoicemailTests.VoicemailPlan(), o => o with { SilenceTimeout = TimeSpan.FromSeconds(1) });
        var busyGreeting = TestWav.Sine(600, 400);
        var unavailableGreeting = TestWav.Sine(800, 400);
        foreach (var (kind, samples) in new[] { (GreetingKind.Busy, busyGreeting), (GreetingKind.Unavailable, unavailableGreeting) })
        {
            var wav = Path.Combine(rig.DataDirectory!, kind + ".wav");
            TestWav.Write(wav, samples);
            await using var upload = File.OpenRead(wav);
            Assert.Null(await rig.Voicemail!.UploadGreetingAsync("101", kind, upload));
        }

        var phone = Peers.Busy(sipp);
        rig.RegisterPhone("101", phone.Port);
        using var callerRtp = new CallerRtpListener();
        var silence = Path.Combine(rig.DataDirectory!, "silence.ulaw");
        File.WriteAllBytes(silence, Enumerable.Repeat((byte)0xFF, 1600).ToArray());
        var carrier = SippRun.Start(sipp, "uac_voicemail.xml", rig.Target,
            new Dictionary<string, string>
            {
                // The caller sends nothing until greeting and beep are over: its first packet moves the box's
                // RTP to where it came from (symmetric RTP), away from the listener.
                ["WAIT_MS"] = "1500",
                ["SPEECH"] = silence,
                ["SPEECH_MS"] = "300",
                ["END"] = VoicemailTests.AwaitBye,
                ["MEDIA_PORT"] = callerRtp.Port.ToString(),
            },
            ["-s", TestPlans.Main, "-key", "caller", Peers.Caller], timeoutSeconds: 30);

        // Ringback while 101 is tried, then the busy greeting byte for byte (PCMU), then the beep.
        var heard = (await callerRtp.ReceiveAsync(60, TimeSpan.FromSeconds(10))).SelectMany(p => p.Payload).ToArray();
        await carrier.SucceedsAsync("carrier (silent: the box hangs up after the silence timeout)");
        await phone.SucceedsAsync("busy phone 101");
        var records = await rig.Records.WaitForAsync(1);
        Assert.True(Contains(heard, Encode(busyGreeting)), $"the busy greeting was not heard (unavailable: {Contains(heard, Encode(unavailableGreeting))}, {heard.Length} bytes, record: {records[0].Outcome} {records[0].OutcomeReason})");
        Assert.False(Contains(heard, Encode(unavailableGreeting)[..800]), "the unavailable greeting was played");
        var record = Assert.Single(records);
        Assert.Equal(CallOutcome.Missed, record.Outcome);
        Assert.Equal("no message left", record.OutcomeReason);
        Assert.Empty(rig.Voicemail!.Messages("101"));
    }

    [Fact]
    public async Task The_owner_records_a_busy_greeting_from_the_phone_and_pound_keeps_it()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.StartWithVoicemail(VoicemailTests.VoicemailPlan());
        rig.Pins["101"] = "1234";
        if (Speech.Make("Reception is busy right now, please leave a message.", rig.DataDirectory!) is not { } speech)
        {
            return;
        }

        // After '2' the box plays a 500 ms beep, then records. sipp sends no RTP while it pauses, so a long pause
        // adds nothing to the greeting, while a short one loses its start when the digit is heard late (seen:
        // 900 ms cut 440 ms off on a busy machine).
        var keys = MailboxTests.Keys("1234#", 300) + MailboxTests.Keys("0", 600) + MailboxTests.Keys("2", 1800)
            + $"<nop><action><exec rtp_stream=\"{speech.RawPath},1,0\"/></action></nop><pause milliseconds=\"{(int)speech.Length.TotalMilliseconds + 300}\"/>"
            + MailboxTests.Keys("#", 800);
        var phone = MailboxTests.UsesMailbox(sipp, rig, keys);

        await phone.SucceedsAsync("phone 101 recording its busy greeting");
        var greeting = rig.Voicemail!.LoadGreeting("101", GreetingKind.Busy, AudioCodec.Pcmu);
        Assert.NotNull(greeting);
        var expected = speech.UpToLastSpeech(rig.Voicemail.Options.SilenceLevel).TotalMilliseconds;
        Assert.InRange(greeting.Duration.TotalMilliseconds, expected - 40, expected + 40);
        Assert.Null(rig.Voicemail.LoadGreeting("101", GreetingKind.Unavailable, AudioCodec.Pcmu));
        Assert.False(File.Exists(rig.Voicemail.GreetingPath("101", GreetingKind.Busy) + ".recording"));
    }

    private static byte[] Encode(short[] pcm)
    {
        var bytes = new byte[pcm.Length];
        G711.Encode(AudioCodec.Pcmu, pcm, bytes);
        return bytes;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
