using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>
/// An answered call between a sipp carrier and a sipp desk phone that both speak, with the kernel relay on (as
/// the service unit runs it): the call's audio moves to the kernel once both legs have latched, the phone's
/// stream still reaches the caller whole, and the call ends and is recorded as any other.
/// </summary>
[Collection("sipp")]
public sealed class KernelRelayCallTests
{
    private const byte CallerByte = 0x3C;

    [Fact]
    public async Task A_call_where_both_sides_speak_is_relayed_in_the_kernel()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.StartWithKernelRelay(TestPlans.Plan(new NumberEntry("ext:101")));
        if (rig.Rtp.Forwarder is not { } forwarder)
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "CI runs as root, with CAP_BPF and CAP_NET_ADMIN");
            Assert.False(KernelRelayCapability.Present());
            return;
        }

        var phone = HoldPeers.AnswersAndStreams(sipp, HoldPeers.StreamFile(), waitMs: 300);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        using var hangUp = new CancellationTokenSource();
        var speaking = rtp.StreamBackAsync(CallerByte, hangUp.Token);
        var carrier = Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 3000);

        var receiving = rtp.ReceiveAsync(5000, TimeSpan.FromSeconds(4.5));
        long inKernel = 0;
        for (var waited = 0; waited < 40 && inKernel < 50; waited++)
        {
            await Task.Delay(100);
            inKernel = Math.Max(inKernel, forwarder.Table.PacketsForwarded());
        }

        var packets = await receiving;
        await carrier.SucceedsAsync("carrier talks and hangs up");
        await phone.SucceedsAsync("phone 101 answers, streams, gets the box's BYE");
        await hangUp.CancelAsync();
        await speaking;

        Assert.True(inKernel >= 50, $"the kernel relayed {inKernel} packets of the call");
        Assert.True(HoldPeers.StreamPackets(packets) >= 50, $"the phone's audio reached the caller in {HoldPeers.StreamPackets(packets)} of {packets.Count} packets");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "caller hung up", "101"), (record.Outcome, record.OutcomeReason, record.AnsweredBy));
        Assert.Equal(0, forwarder.Table.PacketsForwarded()); // both directions left the kernel with the call
    }
}
