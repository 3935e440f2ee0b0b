using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>sipp as the carrier; sipp processes as desk phones registered under pbx.test.</summary>
[Collection("sipp")]
public sealed class HuntGroupTests
{
    [Fact]
    public async Task Sequential_hunt_rings_members_in_order_cancels_at_ring_time_passes_over_busy_and_the_third_answers()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("group:sales"), TestPlans.Group(HuntStrategy.Sequential, 1, "101", "102", "103"));
        await using var rig = EngineRig.Start(plan);
        var p101 = Peers.RingsUntilCancelled(sipp);
        var p102 = Peers.Busy(sipp);
        var p103 = Peers.Answering(sipp);
        rig.RegisterPhone("101", p101.Port);
        rig.RegisterPhone("102", p102.Port);
        rig.RegisterPhone("103", p103.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCall(sipp, rig, rtp.Port);

        await carrier.SucceedsAsync("carrier");
        await p101.SucceedsAsync("101 (rings, must be cancelled after its 1 s ring time)");
        await p102.SucceedsAsync("102 (busy)");
        await p103.SucceedsAsync("103 (answers)");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal("103", record.AnsweredBy);
        Assert.Equal("group:sales", record.Destination);
        var attempts = record.Legs.Where(l => l.Kind == LegKind.HuntAttempt).ToList();
        Assert.Equal(["101", "102", "103"], attempts.Select(l => l.Target));
        Assert.Equal([487, 486, 200], attempts.Select(l => l.SipStatus));
        Assert.True(attempts[0].End - attempts[0].Start >= TimeSpan.FromSeconds(0.9), "101 must ring for its ring time");
        Assert.True(attempts[1].Start >= attempts[0].End && attempts[2].Start >= attempts[1].End, "members ring one after another");
    }

    [Fact]
    public async Task Round_robin_starts_each_new_call_at_the_next_member()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("group:sales"), TestPlans.Group(HuntStrategy.RoundRobin, 20, "101", "102"));
        await using var rig = EngineRig.Start(plan);

        // Each phone takes exactly one call (-m 1): a second call to the same phone would hang its scenario.
        var p101 = Peers.Answering(sipp);
        var p102 = Peers.Answering(sipp);
        rig.RegisterPhone("101", p101.Port);
        rig.RegisterPhone("102", p102.Port);
        using var rtp = new CallerRtpListener();
        await Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 100).SucceedsAsync("first call");
        await Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 100).SucceedsAsync("second call");
        await p101.SucceedsAsync("101");
        await p102.SucceedsAsync("102");

        var records = await rig.Records.WaitForAsync(2);
        Assert.Equal(["101", "102"], records.OrderBy(r => r.Start).Select(r => r.AnsweredBy));
        Assert.All(records, r => Assert.Single(r.Legs, l => l.Kind == LegKind.HuntAttempt));
    }

    [Fact]
    public async Task Ring_all_rings_every_member_and_cancels_the_losers_when_one_answers()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("group:sales"), TestPlans.Group(HuntStrategy.RingAll, 20, "101", "102"));
        await using var rig = EngineRig.Start(plan);
        var p101 = Peers.Answering(sipp, ringMs: 400);
        var p102 = Peers.RingsUntilCancelled(sipp);
        rig.RegisterPhone("101", p101.Port);
        rig.RegisterPhone("102", p102.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCall(sipp, rig, rtp.Port);

        await carrier.SucceedsAsync("carrier");
        await p101.SucceedsAsync("101 (answers)");
        await p102.SucceedsAsync("102 (must receive CANCEL)");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal("101", record.AnsweredBy);
        var attempts = record.Legs.Where(l => l.Kind == LegKind.HuntAttempt).OrderBy(l => l.Target).ToList();
        Assert.Equal([("101", 200), ("102", 487)], attempts.Select(l => (l.Target, l.SipStatus)));
        Assert.True((attempts[1].Start - attempts[0].Start).Duration() < TimeSpan.FromMilliseconds(300), "ring-all starts the members together");
    }

    [Fact]
    public async Task Nobody_answering_gives_480_and_a_missed_record()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("group:sales"), TestPlans.Group(HuntStrategy.Sequential, 1, "101", "103"));
        await using var rig = EngineRig.Start(plan);
        var p101 = Peers.RingsUntilCancelled(sipp);
        rig.RegisterPhone("101", p101.Port);

        // 103 is not registered: passed over at once.
        var carrier = Peers.RefusedCall(sipp, rig, 480);
        await carrier.SucceedsAsync("carrier expects 480");
        await p101.SucceedsAsync("101");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(CallOutcome.Missed, record.Outcome);
        Assert.Equal("nobody answered", record.OutcomeReason);
        Assert.Equal(["101"], record.Legs.Where(l => l.Kind == LegKind.HuntAttempt).Select(l => l.Target));
        Assert.Equal(480, record.Legs[0].SipStatus);
    }
}
