using System.Runtime.CompilerServices;
using EdgePbx.Routing.Model;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>
/// An ended call must not stay reachable while its transactions wait out their timers (RFC 6026 Timer M and
/// RFC 3261 Timer D: 32 s over UDP): at 100 calls/s that kept 3,200 whole calls (media, detectors, buffers)
/// in the heap of the load run.
/// </summary>
[Collection("sipp")]
public sealed class EndedCallMemoryTests
{
    [Fact]
    public async Task An_ended_call_is_collectable_while_its_legs_transactions_still_wait_for_their_timers()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        var phone = Peers.AnswersThenHangsUp(sipp, talkMs: 1000);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCallHungUp(sipp, rig, rtp.Port);

        rig.WaitFor(e => e.ActiveCalls == 1, "the call to be up");
        var (call, invite) = WeakReferencesToTheOnlyCallAndItsInvite(rig);
        await phone.SucceedsAsync("phone 101 hangs up");
        await carrier.SucceedsAsync("carrier receives BYE");
        Assert.Single(await rig.Records.WaitForAsync(1));
        rig.WaitFor(e => e.ActiveCalls == 0, "the call to end");

        // The phone's INVITE transaction is in Accepted for 32 s to re-ACK a retransmitted 200: it is still here.
        Assert.True(rig.Stack.ClientTransactionCount >= 1, "the answered leg's INVITE transaction should still wait for Timer M");
        for (var i = 0; i < 20 && (call.IsAlive || invite.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }

        Assert.False(call.IsAlive, "the ended call is still reachable (from its legs' transactions?)");

        // The leg itself stays with its transaction, to ACK a late 2xx from its dialog; the INVITE it sent (message
        // and bytes, over a kilobyte and a half for those 32 s) does not.
        Assert.False(invite.IsAlive, "the answered leg still holds its INVITE");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Call, WeakReference Invite) WeakReferencesToTheOnlyCallAndItsInvite(EngineRig rig)
    {
        var call = rig.Engine.LiveCalls.Single();
        var leg = call.AnsweredLeg;
        for (var i = 0; i < 100 && leg is null; i++)
        {
            Thread.Sleep(20);
            leg = call.AnsweredLeg;
        }

        Assert.NotNull(leg);
        return (new WeakReference(call), new WeakReference(leg.Invite ?? throw new InvalidOperationException("no INVITE while the call is up")));
    }
}
