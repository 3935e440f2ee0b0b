using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Options;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>Forwarding through the trunk: sipp as the calling carrier and sipp as the carrier's proxy (UAS).</summary>
[Collection("sipp")]
public sealed class ForwardTests
{
    [Fact]
    public async Task Forward_goes_through_the_trunk_with_the_callers_number_in_P_Asserted_Identity()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        const string checks = """
            <ereg regexp="^INVITE sip:13800138000@carrier\.test SIP/2\.0" search_in="msg" check_it="true" assign_to="ruri"/>
            <ereg regexp="P-Asserted-Identity: &lt;sip:13912345678@carrier\.test&gt;" search_in="msg" check_it="true" assign_to="pai"/>
            <ereg regexp="From: &lt;sip:4006123456@carrier\.test&gt;" search_in="msg" check_it="true" assign_to="from"/>
            <log message="forward [$ruri] [$pai] [$from]"/>
            """;
        var carrierProxy = Peers.Answering(sipp, checks: checks);
        var plan = TestPlans.Plan(new NumberEntry("external:13800138000"));
        await using var rig = EngineRig.Start(plan, o => o with { Trunk = EngineRig.TrunkAt(carrierProxy.Port, CallerIdMode.PAssertedIdentity) });
        using var rtp = new CallerRtpListener();
        var caller = Peers.CarrierCall(sipp, rig, rtp.Port);

        await caller.SucceedsAsync("calling carrier");
        await carrierProxy.SucceedsAsync("carrier proxy (checks Request-URI, P-Asserted-Identity and From)");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal("13800138000", record.AnsweredBy);
        Assert.Equal((LegKind.Forward, "13800138000", 200), (record.Legs[1].Kind, record.Legs[1].Target, record.Legs[1].SipStatus));
    }

    [Fact]
    public async Task Forward_in_From_mode_shows_the_caller_in_From_and_sends_no_P_Asserted_Identity()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        const string checks = """
            <ereg regexp="From: &lt;sip:13912345678@carrier\.test&gt;" search_in="msg" check_it="true" assign_to="from"/>
            <ereg regexp="P-Asserted-Identity" search_in="msg" check_it_inverse="true" assign_to="pai"/>
            <log message="forward [$from] [$pai]"/>
            """;
        var carrierProxy = Peers.Answering(sipp, checks: checks);
        var plan = TestPlans.Plan(new NumberEntry("external:13800138000"));
        await using var rig = EngineRig.Start(plan, o => o with { Trunk = EngineRig.TrunkAt(carrierProxy.Port, CallerIdMode.From) });
        using var rtp = new CallerRtpListener();

        await Peers.CarrierCall(sipp, rig, rtp.Port).SucceedsAsync("calling carrier");
        await carrierProxy.SucceedsAsync("carrier proxy (checks From, no P-Asserted-Identity)");
        Assert.Equal(CallOutcome.Answered, Assert.Single(await rig.Records.WaitForAsync(1)).Outcome);
    }
}
