using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>Hang-ups from either side, CANCEL, maximum call length, phones registering and calling each other.</summary>
[Collection("sipp")]
public sealed class CallLifecycleTests
{
    [Fact]
    public async Task Callee_hanging_up_ends_the_callers_leg_with_BYE()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        var phone = Peers.AnswersThenHangsUp(sipp, talkMs: 300);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCallHungUp(sipp, rig, rtp.Port);

        await phone.SucceedsAsync("phone 101 hangs up");
        await carrier.SucceedsAsync("carrier receives BYE");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "callee hung up"), (record.Outcome, record.OutcomeReason));
        Assert.Equal(0, rig.Engine.ActiveCalls);
    }

    [Fact]
    public async Task Caller_cancelling_while_it_rings_cancels_the_ringing_phone_and_leaves_a_missed_record()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        var events = rig.Engine.Events.Subscribe();
        var phone = Peers.RingsUntilCancelled(sipp);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCancels(sipp, rig, rtp.Port, afterMs: 500);

        await carrier.SucceedsAsync("carrier: 200 for CANCEL, 487 for INVITE");
        await phone.SucceedsAsync("phone 101 must be cancelled");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Missed, "caller hung up before answer"), (record.Outcome, record.OutcomeReason));
        Assert.Equal(487, record.Legs[0].SipStatus);
        Assert.Equal(487, record.Legs[1].SipStatus);

        // The line lit while it rang and went dark with the call.
        var seen = new List<EngineEvent>();
        while (events.TryRead(out var e))
        {
            seen.Add(e);
        }

        Assert.Equal([LineState.Ringing, LineState.Idle], seen.OfType<LineChanged>().Where(l => l.Extension == "101").Select(l => l.State));
        Assert.IsType<CallStarted>(seen[0]);
        Assert.IsType<CallEnded>(seen[^1]);
    }

    [Fact]
    public async Task Maximum_call_length_hangs_up_both_legs()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("ext:101"), limits: new EdgePbx.Routing.Model.Limits(MaxCallSeconds: 1));
        await using var rig = EngineRig.Start(plan);
        var phone = Peers.Answering(sipp, ringMs: 100);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCallHungUp(sipp, rig, rtp.Port);

        await carrier.SucceedsAsync("carrier receives BYE");
        await phone.SucceedsAsync("phone receives BYE");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "maximum call length reached"), (record.Outcome, record.OutcomeReason));
        var talk = record.End - record.Answer!.Value;
        Assert.InRange(talk, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(6), record.BilledDuration);
        Assert.Equal(0.02m, record.Charge);
    }

    [Fact]
    public async Task A_phone_registered_with_digest_is_rung_and_a_registered_phone_calls_another_extension()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:102")));
        var phone102 = Peers.Answering(sipp);
        await Peers.Registers(sipp, rig, "102", "secret102", phone102.Port).SucceedsAsync("102 registers (401, then 200)");
        Assert.Single(rig.Stack.Registrar.Lookup($"sip:102@{EngineRig.Domain}"));

        var call = Peers.PhoneCalls(sipp, rig, "101", "secret101", "102");
        await call.SucceedsAsync("101 calls 102 (401 challenge, then 183 and 200)");
        await phone102.SucceedsAsync("102 answers");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(("101", "102", "102"), (record.Caller, record.Called, record.AnsweredBy));
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(0m, record.Charge);
    }
}
