using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>
/// Blind transfer by REFER (RFC 3515) from the phone that answered: 202, NOTIFYs with sipfrag progress, the
/// target rung with Referred-By and bridged to the caller; a target that is not an extension of the plan (an
/// outside number that would leave through the trunk) is refused and the call stays where it was.
/// </summary>
[Collection("sipp")]
public sealed class TransferTests
{
    [Fact]
    public async Task Phone_transfers_the_caller_to_another_extension_with_refer()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        var target = Peers.Answering(sipp, ringMs: 200, checks: """<ereg regexp="Referred-By: *.sip:101@pbx\.test" search_in="msg" check_it="true" assign_to="rb"/><log message="referred by [$rb]"/>""");
        rig.RegisterPhone("103", target.Port);
        var transferor = Transferor(sipp, "uas_refer.xml", "103");
        rig.RegisterPhone("101", transferor.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 3000);

        await transferor.SucceedsAsync("101: REFER answered 202, NOTIFY 100 then 200, then the box's BYE");
        await target.SucceedsAsync("103 is rung with Referred-By, answers, gets the box's BYE when the caller hangs up");
        await carrier.SucceedsAsync("carrier stays in the call through the transfer and hangs up");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "caller hung up", "103"), (record.Outcome, record.OutcomeReason, record.AnsweredBy));
        Assert.Contains(record.Legs, l => l.Target == "101" && l.Answer is not null);
        Assert.Contains(record.Legs, l => l.Target == "103" && l.Answer is not null);
        Assert.Equal(0, rig.Engine.ActiveCalls);
    }

    [Fact]
    public async Task Refer_to_an_outside_number_is_refused_and_the_call_stays_with_the_phone()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        var transferor = Transferor(sipp, "uas_refer_refused.xml", "13800138000");
        rig.RegisterPhone("101", transferor.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 1500);

        await transferor.SucceedsAsync("101: REFER to 13800138000 refused 403, the call goes on until the box's BYE");
        await carrier.SucceedsAsync("carrier talks to 101 and hangs up");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "caller hung up", "101"), (record.Outcome, record.OutcomeReason, record.AnsweredBy));
        Assert.DoesNotContain(record.Legs, l => l.Target == "13800138000");
    }

    [Fact]
    public async Task Refer_from_the_carrier_is_refused_and_the_call_stays_with_the_phone()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        var phone = Peers.Answering(sipp, ringMs: 100);
        rig.RegisterPhone("101", phone.Port);
        var other = Peers.Answering(sipp, ringMs: 100);
        rig.RegisterPhone("102", other.Port);
        using var rtp = new CallerRtpListener();
        var carrier = SippRun.Start(sipp, "uac_refer_refused.xml", rig.Target,
            new Dictionary<string, string> { ["TALK_MS"] = "700", ["TARGET"] = "102", ["DOMAIN"] = EngineRig.Domain },
            ["-s", TestPlans.Main, "-key", "caller", Peers.Caller, "-key", "rtp_port", rtp.Port.ToString()]);

        await carrier.SucceedsAsync("carrier: answered by 101, REFER to 102 refused 403, talks on and hangs up");
        await phone.SucceedsAsync("101 answers and gets the box's BYE when the carrier hangs up");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "caller hung up", "101"), (record.Outcome, record.OutcomeReason, record.AnsweredBy));
        // 102 is registered and would answer: a transfer the box wrongly carried out would show as its leg.
        Assert.DoesNotContain(record.Legs, l => l.Target == "102");
        Assert.Equal(-1, await other.ExitCodeAsync(TimeSpan.Zero)); // still waiting for a call that never came: stopped
    }

    private static SippRun Transferor(string sipp, string scenario, string target)
    {
        var run = SippRun.Start(sipp, scenario, "", new Dictionary<string, string>
        {
            ["SELF"] = "101",
            ["TARGET"] = target,
            ["DOMAIN"] = EngineRig.Domain,
            ["EXPECT"] = "403",
        }, []);
        run.WaitUntilListening();
        return run;
    }
}
