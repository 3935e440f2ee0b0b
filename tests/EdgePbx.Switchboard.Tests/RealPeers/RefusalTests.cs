using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Calls;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>Plan screening and live limits as the carrier (sipp) sees them.</summary>
[Collection("sipp")]
public sealed class RefusalTests
{
    [Fact]
    public async Task Blacklisted_caller_gets_403_and_a_blocked_record_saying_why()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("ext:101"), lists: new CallLists(Blacklist: new NumberList([Peers.Caller])));
        await using var rig = EngineRig.Start(plan);

        await Peers.RefusedCall(sipp, rig, 403).SucceedsAsync("blacklisted caller expects 403");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(CallOutcome.Blocked, record.Outcome);
        Assert.Equal("caller is blacklisted", record.OutcomeReason);
        var leg = Assert.Single(record.Legs);
        Assert.Equal((LegKind.Inbound, 403), (leg.Kind, leg.SipStatus));
        Assert.Null(record.Answer);
    }

    [Fact]
    public async Task A_second_call_beyond_the_numbers_concurrency_gets_486_while_the_first_is_up()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("ext:101", MaxConcurrent: 1));
        await using var rig = EngineRig.Start(plan);
        var phone = Peers.Answering(sipp);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var first = Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 1500);
        rig.WaitFor(e => e.Status().ActiveCalls.Any(c => c.Phase == CallPhase.Answered), "the first call to be answered");

        await Peers.RefusedCall(sipp, rig, 486, caller: "13900000002").SucceedsAsync("second caller expects 486");
        await first.SucceedsAsync("first call");
        await phone.SucceedsAsync("phone 101");
        var records = await rig.Records.WaitForAsync(2);
        var refused = Assert.Single(records, r => r.Caller == "13900000002");
        Assert.Equal(CallOutcome.Blocked, refused.Outcome);
        Assert.Equal("number busy: 1 of 1 concurrent calls", refused.OutcomeReason);
        Assert.Equal(CallOutcome.Answered, Assert.Single(records, r => r.Caller == Peers.Caller).Outcome);
    }

    [Fact]
    public async Task A_call_beyond_the_box_capacity_gets_503_with_Retry_After()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("ext:101"), limits: new EdgePbx.Routing.Model.Limits(MaxConcurrent: 1));
        await using var rig = EngineRig.Start(plan, o => o with { RetryAfterSeconds = 30 });
        var phone = Peers.Answering(sipp);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var first = Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 1500);
        rig.WaitFor(e => e.Status().ActiveCalls.Any(c => c.Phase == CallPhase.Answered), "the first call to be answered");

        var second = Peers.RefusedCall(sipp, rig, 503, retryAfter: true, caller: "13900000003");
        await second.SucceedsAsync("second caller expects 503 with Retry-After");
        Assert.Contains("Retry-After: 30", second.Messages(), StringComparison.Ordinal);
        await first.SucceedsAsync("first call");
        await phone.SucceedsAsync("phone 101");
        var refused = Assert.Single(await rig.Records.WaitForAsync(2), r => r.Caller == "13900000003");
        Assert.Equal(CallOutcome.Blocked, refused.Outcome);
        Assert.StartsWith("box at capacity", refused.OutcomeReason, StringComparison.Ordinal);
    }
}
