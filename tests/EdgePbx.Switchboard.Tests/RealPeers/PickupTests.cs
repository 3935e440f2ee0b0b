using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Calls;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>
/// Group call pickup: while the carrier's call rings extension 101 of hunt group "sales", a registered
/// group-mate dials *8 and takes the call; a phone outside the group is refused and the call keeps ringing.
/// </summary>
[Collection("sipp")]
public sealed class PickupTests
{
    private static RoutingPlan SalesRingsFirst101() =>
        TestPlans.Plan(new NumberEntry("group:sales"), TestPlans.Group(HuntStrategy.Sequential, 20, "101", "102"));

    [Fact]
    public async Task A_group_mate_dialling_the_pickup_code_takes_the_ringing_call_and_the_record_names_it()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(SalesRingsFirst101());
        var phone101 = Peers.RingsUntilCancelled(sipp);
        rig.RegisterPhone("101", phone101.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCallHungUp(sipp, rig, rtp.Port);
        WaitUntilRinging(rig);

        var picker = Pickup(sipp, rig, "102", "secret102", "uac_pickup.xml", talkMs: 800);

        await picker.SucceedsAsync("102 dials *8: challenged, then answered with the call");
        await phone101.SucceedsAsync("101 stops ringing (CANCEL)");
        await carrier.SucceedsAsync("carrier gets the box's BYE when 102 hangs up");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "callee hung up", "102"), (record.Outcome, record.OutcomeReason, record.AnsweredBy));
        Assert.Equal(Peers.Caller, record.Caller);
        Assert.Contains(record.Legs, l => l.Target == "101" && l.SipStatus == 487);
        Assert.Contains(record.Legs, l => l.Target == "102" && l.SipStatus == 200 && l.Answer is not null);
        Assert.Equal(0, rig.Engine.ActiveCalls);
    }

    [Fact]
    public async Task A_picked_up_call_survives_the_callers_hold_and_resume()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(SalesRingsFirst101());
        HoldPeers.WriteHoldMusic(rig);
        var phone101 = Peers.RingsUntilCancelled(sipp);
        rig.RegisterPhone("101", phone101.Port);
        using var rtp = new CallerRtpListener();
        var carrier = SippRun.Start(sipp, "uac_hold_resume_hung_up.xml", rig.Target,
            new Dictionary<string, string> { ["HOLD"] = "sendonly", ["HELD_ANSWER"] = "recvonly", ["HOLD_MS"] = "600" },
            ["-s", TestPlans.Main, "-key", "caller", Peers.Caller, "-key", "rtp_port", rtp.Port.ToString()]);
        WaitUntilRinging(rig);

        // The picking phone (not an outbound leg of the call) hears the music while the carrier holds.
        var picker = Pickup(sipp, rig, "102", "secret102", "uac_pickup.xml", talkMs: 2500);

        await picker.SucceedsAsync("102 picks the call up, talks through the carrier's hold and resume, hangs up");
        await phone101.SucceedsAsync("101 stops ringing (CANCEL)");
        await carrier.SucceedsAsync("carrier: hold answered recvonly, resume answered sendrecv, then the box's BYE");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "callee hung up", "102"), (record.Outcome, record.OutcomeReason, record.AnsweredBy));
    }

    [Fact]
    public async Task A_phone_outside_the_group_is_refused_and_the_call_keeps_ringing()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(SalesRingsFirst101());
        rig.Credentials.Set("103", "secret103");
        var phone101 = Peers.Answering(sipp, ringMs: 2500);
        rig.RegisterPhone("101", phone101.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 300);
        WaitUntilRinging(rig);

        var outsider = Pickup(sipp, rig, "103", "secret103", "uac_pickup_refused.xml", talkMs: 0);

        await outsider.SucceedsAsync("103 (not in sales) dials *8 and gets 480");
        await phone101.SucceedsAsync("101 still rings and answers");
        await carrier.SucceedsAsync("carrier talks to 101");
        var records = await rig.Records.WaitForAsync(2);
        var picked = Assert.Single(records, r => r.Called == TestPlans.Main);
        Assert.Equal((CallOutcome.Answered, "101"), (picked.Outcome, picked.AnsweredBy));
        var refused = Assert.Single(records, r => r.Called == "*8");
        Assert.Equal(("103", CallOutcome.Failed), (refused.Caller, refused.Outcome));
    }

    private static SippRun Pickup(string sipp, EngineRig rig, string ext, string password, string scenario, int talkMs) =>
        SippRun.Start(sipp, scenario, rig.Target, new Dictionary<string, string> { ["TALK_MS"] = talkMs.ToString(), ["EXPECT"] = "480" },
            ["-s", "*8", "-key", "ext", ext, "-key", "domain", EngineRig.Domain, "-au", ext, "-ap", password]);

    private static void WaitUntilRinging(EngineRig rig) =>
        Assert.True(
            SpinWait.SpinUntil(() => rig.Engine.Status().ActiveCalls.Any(c => c.Phase == CallPhase.Hunting) && rig.Engine.Lines.Snapshot().TryGetValue("101", out var line) && line == LineState.Ringing, TimeSpan.FromSeconds(10)),
            "the carrier's call never rang 101");
}
