using EdgePbx.Media.Codecs;
using EdgePbx.Media.Sdp;
using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>sipp as the carrier calling the main number; sipp as desk phone 101.</summary>
[Collection("sipp")]
public sealed class WelcomeAudioTests
{
    [Fact]
    public async Task Welcome_audio_is_sent_as_early_media_then_the_extension_answers_and_one_record_is_written()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("ext:101", Welcome: "welcome.wav"));
        await using var rig = EngineRig.Start(plan);
        var prompt = TestWav.Sine(1000, 400);
        TestWav.Write(Path.Combine(rig.PromptDirectory, "welcome.wav"), prompt);
        var expected = new byte[prompt.Length];
        G711.Encode(AudioCodec.Pcmu, prompt, expected);

        var phone = Peers.Answering(sipp, ringMs: 200);
        rig.RegisterPhone("101", phone.Port);
        using var callerRtp = new CallerRtpListener();
        var carrier = Peers.CarrierCall(sipp, rig, callerRtp.Port, talkMs: 300);

        // The first 20 frames the caller hears are the welcome prompt, byte for byte, in PCMU (its first offer).
        var packets = await callerRtp.ReceiveAsync(20, TimeSpan.FromSeconds(10));
        Assert.Equal(20, packets.Count);
        Assert.All(packets, p => Assert.Equal(0, p.PayloadType));
        Assert.Equal(expected, packets.SelectMany(p => p.Payload).ToArray());

        await carrier.SucceedsAsync("carrier (183 before 200 is required by the scenario)");
        await phone.SucceedsAsync("phone 101");
        var records = await rig.Records.WaitForAsync(1);
        var record = Assert.Single(records);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal("101", record.AnsweredBy);
        Assert.Equal(Peers.Caller, record.Caller);
        Assert.Equal(TestPlans.Main, record.Called);
        Assert.Equal("caller hung up", record.OutcomeReason);
        Assert.NotNull(record.Answer);
        Assert.Collection(
            record.Legs,
            l => Assert.Equal((LegKind.Inbound, 200), (l.Kind, l.SipStatus)),
            l => Assert.Equal((LegKind.HuntAttempt, "101", 200), (l.Kind, l.Target, l.SipStatus)));
        Assert.Equal(0, rig.Engine.ActiveCalls);
    }

    [Fact]
    public async Task A_missing_welcome_file_gives_ringback_tone_as_early_media_and_the_call_goes_on()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("ext:101", Welcome: "no-such-file.wav"));
        await using var rig = EngineRig.Start(plan, o => o with { MissingWelcomeToneTime = TimeSpan.FromMilliseconds(300) });
        var phone = Peers.Answering(sipp, ringMs: 200);
        rig.RegisterPhone("101", phone.Port);
        using var callerRtp = new CallerRtpListener();
        var carrier = Peers.CarrierCall(sipp, rig, callerRtp.Port, talkMs: 200);

        // China ringback: 450 Hz, 1 s on. The first frame is tone, not silence.
        var packets = await callerRtp.ReceiveAsync(5, TimeSpan.FromSeconds(10));
        Assert.Equal(5, packets.Count);
        var pcm = new short[160];
        G711.Decode(AudioCodec.Pcmu, packets[1].Payload, pcm);
        Assert.True(pcm.Max(s => Math.Abs((int)s)) > 1000, "ringback tone expected, got near silence");

        await carrier.SucceedsAsync("carrier");
        await phone.SucceedsAsync("phone 101");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(CallOutcome.Answered, record.Outcome);
    }
}
