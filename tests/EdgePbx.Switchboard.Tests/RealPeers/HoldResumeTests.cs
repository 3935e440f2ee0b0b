using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>
/// Hold and resume by re-INVITE from either side of an answered call (RFC 3264 8.4): the box answers with the
/// direction the hold asks for, plays music on hold to the other side while relaying nothing, and the relay
/// carries the phone's audio to the caller again after the resume.
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

    [Fact]
    public async Task Phone_holding_gives_the_caller_music_on_hold_instead_of_its_stream_then_the_stream_again()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        HoldPeers.WriteHoldMusic(rig);
        var phone = HoldPeers.StreamsHoldsAndResumes(sipp, HoldPeers.StreamFile(), "sendonly", "recvonly", holdAfterMs: 1000, holdMs: 2000);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 5000);

        var packets = await rtp.ReceiveAsync(220, TimeSpan.FromSeconds(12));
        await phone.SucceedsAsync("phone 101 streams, holds (answered recvonly), resumes, gets the box's BYE");
        await carrier.SucceedsAsync("carrier talks and hangs up");

        var first = packets.FindIndex(HoldPeers.IsMusic);
        var last = packets.FindLastIndex(HoldPeers.IsMusic);
        Assert.True(first > 0, $"no music on hold among {packets.Count} packets");
        var held = packets.Skip(first).Take(last - first + 1).ToList();
        Assert.True(packets.Take(first).Count(HoldPeers.IsStream) >= 20, "the phone's stream reached the caller before the hold");
        // 100 frames in 2 s on an idle machine; the media clock skips ticks on a loaded one.
        Assert.True(held.Count(HoldPeers.IsMusic) >= 25, $"{held.Count(HoldPeers.IsMusic)} frames of music in a 2 s hold");
        // At most a packet or two in flight when the hold and the resume switch over; the stream is not relayed while held.
        Assert.True(held.Count(HoldPeers.IsStream) <= 3, $"{held.Count(HoldPeers.IsStream)} packets of the phone's stream relayed during the hold");
        Assert.True(packets.Skip(last + 1).Count(HoldPeers.IsStream) >= 25, "the phone's stream reached the caller again after the resume");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "caller hung up"), (record.Outcome, record.OutcomeReason));
    }

    [Fact]
    public async Task Caller_holding_gives_the_phone_music_on_hold_until_the_resume()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        HoldPeers.WriteHoldMusic(rig);
        using var heard = new CallerRtpListener();
        var phone = HoldPeers.AnswersAndListens(sipp, heard.Port);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var carrier = HoldPeers.CarrierHoldsAndResumes(sipp, rig, rtp.Port, "sendonly", "recvonly", talkMs: 2000, holdMs: 1500);

        // Everything the phone is sent during the whole call (the caller itself sends no audio).
        using var ended = new CancellationTokenSource();
        var receiving = heard.ReceiveTimedAsync(5000, TimeSpan.FromSeconds(30), ended.Token);
        await carrier.SucceedsAsync("carrier: hold answered recvonly, resume answered sendrecv");
        await phone.SucceedsAsync("phone 101 answers, gets the box's BYE");
        await ended.CancelAsync();
        var music = (await receiving).Where(p => HoldPeers.IsMusic((p.PayloadType, p.Payload))).ToList();

        // The media clock paces the music (a loaded machine skips ticks, so frames are not counted): it plays
        // for the 1.5 s of the hold and stops at the resume, not 2 s later at the hang-up.
        Assert.True(music.Count >= 15, $"the phone heard {music.Count} frames of music on hold");
        var span = music[^1].Arrived - music[0].Arrived;
        Assert.True(span > TimeSpan.FromSeconds(1) && span < TimeSpan.FromSeconds(2.6), $"music on hold played for {span.TotalSeconds:0.00} s of a 1.5 s hold");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "caller hung up", "101"), (record.Outcome, record.OutcomeReason, record.AnsweredBy));
    }

    [Fact]
    public async Task Without_a_music_file_the_held_caller_hears_a_soft_beep_not_dead_air()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = EngineRig.Start(TestPlans.Plan(new NumberEntry("ext:101")));
        var phone = HoldPeers.StreamsHoldsAndResumes(sipp, HoldPeers.StreamFile(), "inactive", "inactive", holdAfterMs: 800, holdMs: 1500);
        rig.RegisterPhone("101", phone.Port);
        using var rtp = new CallerRtpListener();
        var carrier = Peers.CarrierCall(sipp, rig, rtp.Port, talkMs: 4000);

        var packets = await rtp.ReceiveAsync(170, TimeSpan.FromSeconds(12));
        await phone.SucceedsAsync("phone 101 streams, holds (answered inactive), resumes, gets the box's BYE");
        await carrier.SucceedsAsync("carrier talks and hangs up");

        var start = packets.FindIndex(HoldPeers.IsStream);
        Assert.True(start >= 0, "the phone's stream never reached the caller");
        var holdStart = packets.FindIndex(start, p => !HoldPeers.IsStream(p));
        Assert.True(holdStart > 0, "the stream never stopped for the hold");
        var resume = packets.FindIndex(holdStart, HoldPeers.IsStream);
        Assert.True(resume > holdStart, "the phone's stream did not come back after the resume");
        var held = packets[holdStart..resume];
        // Frames keep coming while held (the beep, then silence frames), and the first of them is the 440 Hz beep.
        Assert.True(held.Count >= 20, $"{held.Count} frames to the held caller in a 1.5 s hold (75 on an idle machine)");
        Assert.True(held.Take(12).Count(p => p.Payload.Any(b => b is not 0xFF and not 0x7F)) >= 6, "the hold beep was not heard");
    }
}
