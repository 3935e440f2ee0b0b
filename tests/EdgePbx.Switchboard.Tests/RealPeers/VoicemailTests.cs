using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;
using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>
/// sipp as the carrier leaving espeak-ng speech in extension 101's mailbox (nobody answers: 101 has no phone
/// registered), and sipp as 101's desk phone subscribed to message-summary.
/// </summary>
[Collection("sipp")]
public sealed class VoicemailTests
{
    private const string Sentence = "Hello, this is a message for reception. Please call me back about the delivery tomorrow morning. Thank you.";

    internal static RoutingPlan VoicemailPlan() => TestPlans.Plan(new NumberEntry("ext:101")) with
    {
        Extensions = new Dictionary<string, Extension>
        {
            ["101"] = new(Name: "Reception", Voicemail: true, RingSeconds: 5),
            ["102"] = new(Name: "Sales 1", RingSeconds: 5),
        },
    };

    /// <summary>A recv NOTIFY that must contain each of <paramref name="musts"/>, answered 200.</summary>
    internal static string ExpectNotify(params string[] musts)
    {
        var tag = Guid.NewGuid().ToString("n")[..6];
        return "<recv request=\"NOTIFY\"><action>"
            + string.Concat(musts.Select((m, i) => $"<ereg regexp=\"{m}\" search_in=\"msg\" check_it=\"true\" assign_to=\"n{tag}{i}\"/><log message=\"[$n{tag}{i}]\"/>"))
            + "</action></recv>"
        + "<send><![CDATA[\nSIP/2.0 200 OK\n[last_Via:]\n[last_From:]\n[last_To:]\n[last_Call-ID:]\n[last_CSeq:]\nContent-Length: 0\n\n]]></send>";
    }

    internal static SippRun Subscriber(string sipp, EngineRig rig, string notifies) =>
        SippRun.Start(sipp, "subscribe_mwi.xml", rig.Target, new Dictionary<string, string> { ["NOTIFIES"] = notifies },
            ["-key", "ext", "101", "-key", "domain", EngineRig.Domain, "-au", "101", "-ap", "secret101"], timeoutSeconds: 60);

    private const string PressPound = """<nop><action><exec play_pcap_audio="/usr/share/sip-tester/dtmf_2833_pound.pcap"/></action></nop>""";

    internal const string AwaitBye = "<recv request=\"BYE\"/><send><![CDATA[\nSIP/2.0 200 OK\n[last_Via:]\n[last_From:]\n[last_To:]\n[last_Call-ID:]\n[last_CSeq:]\nContent-Length: 0\n\n]]></send>";

    private const string SendBye = """
        <send retrans="500"><![CDATA[
              BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: "[caller]" <sip:[caller]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              [last_To:]
              Call-ID: [call_id]
              CSeq: 2 BYE
              Max-Forwards: 70
              Content-Length: 0
            ]]></send>
        <recv response="200" crlf="true"/>
        """;

    internal static SippRun LeavesMessage(string sipp, EngineRig rig, Speech speech, string end, int waitMs = 1200, string mediaPort = "[media_port]") =>
        SippRun.Start(sipp, "uac_voicemail.xml", rig.Target,
            new Dictionary<string, string>
            {
                ["WAIT_MS"] = waitMs.ToString(),
                ["SPEECH"] = speech.RawPath,
                ["SPEECH_MS"] = ((int)speech.Length.TotalMilliseconds + 300).ToString(),
                ["END"] = end,
                ["MEDIA_PORT"] = mediaPort,
            },
            ["-s", TestPlans.Main, "-key", "caller", Peers.Caller], timeoutSeconds: 60);

    [Fact]
    public async Task Speech_is_left_in_the_mailbox_when_nobody_answers_and_the_subscribed_phone_gets_messages_waiting_yes()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.StartWithVoicemail(VoicemailPlan());
        if (Speech.Make(Sentence, rig.DataDirectory!) is not { } speech)
        {
            return;
        }

        var phone = Subscriber(sipp, rig, ExpectNotify("Messages-Waiting: yes", "Message-Account: sip:101@pbx.test", "Voice-Message: 1/0"));
        Assert.True(SpinWait.SpinUntil(() => rig.Stack.Notifier.Count == 1, TimeSpan.FromSeconds(15)), "101's subscription:\n" + phone.Messages());

        var carrier = LeavesMessage(sipp, rig, speech, PressPound + AwaitBye);

        await carrier.SucceedsAsync("carrier leaving a message (the box hangs up after #)");
        await phone.SucceedsAsync("phone 101 (initial NOTIFY: no; after the message: yes, 1/0)");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(CallOutcome.Voicemail, record.Outcome);
        Assert.Equal("message left (caller pressed #)", record.OutcomeReason);
        Assert.Equal("ext:101", record.Destination);
        Assert.Contains("#", record.Digits, StringComparison.Ordinal);

        var message = Assert.Single(rig.Voicemail!.Messages("101"));
        Assert.Equal(Peers.Caller, message.Caller);
        Assert.False(message.Heard);
        Assert.InRange(message.Received, record.Start, record.End);

        // The WAV holds the speech sent, up to its last loud frame ('#' ended it; the quiet tail was silence).
        var stored = WavPromptLoader.Load(rig.Voicemail.PathOf(message), AudioCodec.Pcmu);
        Assert.True(stored.Success, stored.Error);
        var expected = speech.UpToLastSpeech(rig.Voicemail.Options.SilenceLevel);
        Assert.True(expected > TimeSpan.FromSeconds(4), $"espeak speech too short: {expected}");
        Assert.InRange(stored.Audio!.Duration.TotalMilliseconds, expected.TotalMilliseconds - 40, expected.TotalMilliseconds + 40);
        Assert.Equal((long)stored.Audio.Duration.TotalSeconds, (long)message.Duration.TotalSeconds);
        Assert.Contains("Voice-Message: 1/0", phone.Messages(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hunt_group_nobody_answers_overflows_into_its_own_box_and_a_members_phone_watching_it_gets_messages_waiting_yes()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        // Group sales (102, 103, neither registered) overflows to its own box; 102's phone watches that box.
        var plan = TestPlans.Plan(new NumberEntry("group:sales")) with
        {
            Groups = new Dictionary<string, HuntGroup>
            {
                ["sales"] = new([new("ext:102"), new("ext:103")], "Sales", RingSeconds: 3, Overflow: "voicemail:sales", Voicemail: true),
            },
        };
        await using var rig = EngineRig.StartWithVoicemail(plan);
        if (Speech.Make("Hello sales, please send me a quote for ten phones.", rig.DataDirectory!) is not { } speech)
        {
            return;
        }

        var phone = SippRun.Start(sipp, "subscribe_mwi.xml", rig.Target,
            new Dictionary<string, string> { ["NOTIFIES"] = ExpectNotify("Messages-Waiting: yes", "Message-Account: sip:sales@pbx.test", "Voice-Message: 1/0") },
            ["-key", "ext", "sales", "-key", "domain", EngineRig.Domain, "-au", "102", "-ap", "secret102"], timeoutSeconds: 60);
        Assert.True(SpinWait.SpinUntil(() => rig.Stack.Notifier.Count == 1, TimeSpan.FromSeconds(15)), "102's subscription to the sales box:\n" + phone.Messages());

        var carrier = LeavesMessage(sipp, rig, speech, PressPound + AwaitBye);

        await carrier.SucceedsAsync("carrier leaving a message for sales");
        await phone.SucceedsAsync("phone 102 watching the sales box (no, then yes 1/0)");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(CallOutcome.Voicemail, record.Outcome);
        var message = Assert.Single(rig.Voicemail!.Messages("sales"));
        Assert.Equal(Peers.Caller, message.Caller);
        Assert.Empty(rig.Voicemail.Messages("102"));
        Assert.True(File.Exists(rig.Voicemail.PathOf(message)));
    }

    [Fact]
    public async Task A_caller_who_hangs_up_keeps_the_message_and_long_silence_ends_one()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.StartWithVoicemail(VoicemailPlan(), o => o with { SilenceTimeout = TimeSpan.FromSeconds(1.5) });
        if (Speech.Make("Short message, goodbye.", rig.DataDirectory!) is not { } speech)
        {
            return;
        }

        var hangsUp = LeavesMessage(sipp, rig, speech, SendBye);
        await hangsUp.SucceedsAsync("carrier hanging up after speaking");
        var silent = LeavesMessage(sipp, rig, speech, AwaitBye);
        await silent.SucceedsAsync("carrier falling silent (the box hangs up)");

        var records = await rig.Records.WaitForAsync(2);
        Assert.All(records, r => Assert.Equal(CallOutcome.Voicemail, r.Outcome));
        Assert.Contains(records, r => r.OutcomeReason == "message left (silence)");
        Assert.True(SpinWait.SpinUntil(() => rig.Voicemail!.Messages("101").Count == 2, TimeSpan.FromSeconds(5)), "two messages indexed");
        var expected = speech.UpToLastSpeech(rig.Voicemail!.Options.SilenceLevel).TotalMilliseconds;
        foreach (var m in rig.Voicemail.Messages("101"))
        {
            var audio = WavPromptLoader.Load(rig.Voicemail.PathOf(m), AudioCodec.Pcmu).Audio!;
            Assert.InRange(audio.Duration.TotalMilliseconds, expected - 40, expected + 40);
        }
    }

    [Fact]
    public async Task An_unwritable_voicemail_folder_is_a_480_and_the_record_is_still_written()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var blocked = Path.Combine(Path.GetTempPath(), "vm-blocked-" + Guid.NewGuid().ToString("n"));
        File.WriteAllText(blocked, "a file where the voicemail folder should be");
        try
        {
            await using var rig = EngineRig.StartWithVoicemail(VoicemailPlan(), o => o with { Directory = blocked });
            var carrier = Peers.RefusedCall(sipp, rig, 480);

            await carrier.SucceedsAsync("carrier refused with 480");
            var record = Assert.Single(await rig.Records.WaitForAsync(1));
            Assert.Equal(CallOutcome.Failed, record.Outcome);
            Assert.StartsWith("voicemail 101 cannot be stored", record.OutcomeReason, StringComparison.Ordinal);
            Assert.Empty(rig.Voicemail!.Messages("101"));
        }
        finally
        {
            File.Delete(blocked);
        }
    }
}
