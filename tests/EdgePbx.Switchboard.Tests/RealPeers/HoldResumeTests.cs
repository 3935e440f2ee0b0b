using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>
/// Hold and resume by re-INVITE from either side of an answered call (RFC 3264 8.4): the box answers with the
/// direction the hold asks for, and the relay carries the phone's audio to the caller after the resume (the
/// phone only starts sending once it, or the caller, has resumed).
/// </summary>
[Collection("sipp")]
public sealed class HoldResumeTests
{
    [Fact]
    public async Task Caller_holding_with_sendonly_gets_recvonly_and_the_relay_works_after_resume()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        var phone = HoldPeers.AnswersAndStreams(sipp, HoldPeers.StreamFile(), waitMs: 1500);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var carrier = HoldPeers.CarrierHoldsAndResumes(sipp, rig, rtp.Port, "sendonly", "recvonly", talkMs: 2500);

        var packets = await rtp.ReceiveAsync(400, TimeSpan.FromSeconds(10));
        await carrier.SucceedsAsync("carrier: hold answered recvonly, resume answered sendrecv");
        await phone.SucceedsAsync("phone 101 answers, streams, gets the box's BYE");
        Assert.True(HoldPeers.StreamPackets(packets) >= 25, $"the phone's audio reached the caller after resume in {HoldPeers.StreamPackets(packets)} of {packets.Count} packets");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "caller hung up", "101"), (record.Outcome, record.OutcomeReason, record.AnsweredBy));
    }

    [Fact]
    public async Task Phone_holding_with_inactive_gets_inactive_and_the_relay_works_after_resume()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        var phone = HoldPeers.HoldsResumesAndStreams(sipp, HoldPeers.StreamFile(), "inactive", "inactive", waitMs: 300);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 3500);

        var packets = await rtp.ReceiveAsync(400, TimeSpan.FromSeconds(10));
        await phone.SucceedsAsync("phone 101: hold answered inactive, resume answered sendrecv, then BYE from the box");
        await carrier.SucceedsAsync("carrier talks and hangs up");
        Assert.True(HoldPeers.StreamPackets(packets) >= 25, $"the phone's audio reached the caller after resume in {HoldPeers.StreamPackets(packets)} of {packets.Count} packets");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "caller hung up"), (record.Outcome, record.OutcomeReason));
    }
}
