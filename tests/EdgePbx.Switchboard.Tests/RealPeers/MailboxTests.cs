using System.Text;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>
/// Desk phone 101 (sipp) on the voicemail access number *97: PIN, listen, delete or save by RFC 4733 keys from
/// Debian's captures, while 101's other sipp phone, subscribed to message-summary, sees every change.
/// </summary>
[Collection("sipp")]
public sealed class MailboxTests
{
    /// <summary>Each key as its sip-tester capture, then <paramref name="pauseMs"/> for the box to act.</summary>
    internal static string Press(char key) =>
        $"<nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/dtmf_2833_{(key == '#' ? "pound" : key.ToString())}.pcap\"/></action></nop>";

    internal static string Keys(string keys, int pauseMs = 500)
    {
        var sb = new StringBuilder();
        foreach (var k in keys)
        {
            var name = k switch { '#' => "pound", '*' => "star", _ => k.ToString() };
            sb.Append($"<nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/dtmf_2833_{name}.pcap\"/></action></nop><pause milliseconds=\"{pauseMs}\"/>");
        }

        return sb.ToString();
    }

    internal const string SendBye = """
        <send retrans="500"><![CDATA[
              BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: <sip:[ext]@[domain]>;tag=[pid]SIPpTag00[call_number]
              [last_To:]
              Call-ID: [call_id]
              CSeq: 3 BYE
              Max-Forwards: 70
              Content-Length: 0
            ]]></send>
        <recv response="200" crlf="true"/>
        """;

    private const string AwaitBye = "<recv request=\"BYE\"/><send><![CDATA[\nSIP/2.0 200 OK\n[last_Via:]\n[last_From:]\n[last_To:]\n[last_Call-ID:]\n[last_CSeq:]\nContent-Length: 0\n\n]]></send>";

    internal static SippRun UsesMailbox(string sipp, EngineRig rig, string keys, string end = SendBye) =>
        SippRun.Start(sipp, "uac_mailbox.xml", rig.Target, new Dictionary<string, string> { ["KEYS"] = keys, ["END"] = end },
            ["-s", "*97", "-key", "ext", "101", "-key", "domain", EngineRig.Domain, "-au", "101", "-ap", "secret101"], timeoutSeconds: 60);

    [Theory]
    [InlineData('7', "Voice-Message: 0/0", 0)]
    [InlineData('9', "Voice-Message: 0/1", 1)]
    public async Task Deleting_or_saving_by_the_mailbox_menu_sends_messages_waiting_no(char key, string counts, int left)
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.StartWithVoicemail(VoicemailPlan());
        rig.Pins["101"] = "1234";
        if (Speech.Make("Please call me back, goodbye.", rig.DataDirectory!) is not { } speech)
        {
            return;
        }

        var watcher = VoicemailTests.Subscriber(sipp, rig,
            VoicemailTests.ExpectNotify("Messages-Waiting: yes", "Voice-Message: 1/0")
            + VoicemailTests.ExpectNotify("Messages-Waiting: no", counts));
        Assert.True(SpinWait.SpinUntil(() => rig.Stack.Notifier.Count == 1, TimeSpan.FromSeconds(15)), "101's subscription:\n" + watcher.Messages());
        var carrier = VoicemailTests.LeavesMessage(sipp, rig, speech, Press('#') + AwaitBye);
        var code = await carrier.ExitCodeAsync(TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"carrier leaving a message: sipp exit {code}; records: {string.Join("; ", rig.Records.Records.Select(r => $"{r.Outcome} {r.OutcomeReason}"))}\n{carrier.Messages()}");
        Assert.True(SpinWait.SpinUntil(() => rig.Voicemail!.Messages("101").Count == 1, TimeSpan.FromSeconds(5)), "message indexed");
        var path = rig.Voicemail!.PathOf(rig.Voicemail.Messages("101")[0]);

        // A wrong PIN first (12#), then 1234#, 1 to listen, and the key under test while the message plays.
        var phone = UsesMailbox(sipp, rig, Keys("12#", 700) + Keys("1234#", 300) + Keys("1", 1000) + Keys(key.ToString(), 1500));

        await phone.SucceedsAsync("phone 101 in its mailbox");
        await watcher.SucceedsAsync("watching phone (yes 1/0 after the deposit, then no " + counts + ")");
        var records = await rig.Records.WaitForAsync(2);
        var mailbox = Assert.Single(records, r => r.Called == "*97");
        Assert.Equal(CallOutcome.Answered, mailbox.Outcome);
        Assert.Equal("mailbox: the phone hung up", mailbox.OutcomeReason);
        Assert.Equal("12#1234#1" + key, mailbox.Digits);
        var messages = rig.Voicemail.Messages("101");
        Assert.Equal(left, messages.Count);
        Assert.Equal(left == 1, File.Exists(path));
        Assert.All(messages, m => Assert.True(m.Heard));
    }

    [Fact]
    public async Task Three_wrong_pins_hang_up()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.StartWithVoicemail(VoicemailPlan());
        rig.Pins["101"] = "1234";
        var phone = UsesMailbox(sipp, rig, Keys("12#", 900) + Keys("21#", 900) + Keys("56", 300) + Press('#') + AwaitBye, end: string.Empty);

        await phone.SucceedsAsync("phone hung up on after three wrong PINs");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal("mailbox: wrong PIN 3 times", record.OutcomeReason);
    }

    private static EdgePbx.Routing.Model.RoutingPlan VoicemailPlan() => VoicemailTests.VoicemailPlan();
}
