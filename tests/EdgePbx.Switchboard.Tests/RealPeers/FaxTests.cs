using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>
/// sipp as a calling fax machine (CNG made with sox, streamed with rtp_stream) during the welcome prompt; sipp
/// as the fax machine on extension 103 that answers with CED.
/// </summary>
[Collection("sipp")]
public sealed class FaxTests
{
    // The fax leg must be offered the caller's codec alone (PCMU here) and no telephone-event: nothing to transcode or inject.
    private const string PassThroughOffer = """
        <ereg regexp="m=audio [0-9]+ RTP/AVP 0\r" search_in="msg" check_it="true" assign_to="mline"/>
        <ereg regexp="telephone-event|PCMA" search_in="msg" check_it_inverse="true" assign_to="extra"/>
        <log message="fax offer [$mline] [$extra]"/>
        """;

    [Fact]
    public async Task A_caller_sending_cng_in_the_welcome_lands_on_the_fax_extension_within_one_burst_and_ced_is_recorded()
    {
        if (Peers.Sipp() is not { } sipp || Sox.Find() is not { } sox)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("menu:main", Welcome: "welcome.wav", Fax: "ext:103")) with
        {
            Menus = new Dictionary<string, IvrMenu> { ["main"] = new("main.wav", Options: new Dictionary<string, string> { ["1"] = "ext:101" }) },
        };
        await using var rig = EngineRig.Start(plan);
        TestWav.Write(Path.Combine(rig.PromptDirectory, "welcome.wav"), TestWav.Sine(600, 8000, 3000));

        // T.30 CNG: 1100 Hz, 0.5 s on, 3 s off; the first burst starts 1 s into the call. The answering machine's CED: 2100 Hz.
        var cng = Sox.UlawFile(sox, rig.PromptDirectory, "cng", "1 silence", "0.5 sine 1100", "3 silence", "0.5 sine 1100", "3 silence");
        var ced = Sox.UlawFile(sox, rig.PromptDirectory, "ced", "2.5 sine 2100");
        var fax = Peers.FaxAnswering(sipp, Peers.Stream(ced), PassThroughOffer);
        rig.RegisterPhone("103", fax.Port);
        var caller = Peers.MenuCall(sipp, rig, Peers.Stream(cng), talkMs: 2000);

        await caller.SucceedsAsync("calling fax machine");
        await fax.SucceedsAsync("fax machine on 103 (offer: PCMU only, no telephone-event)");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(CallOutcome.Fax, record.Outcome);
        Assert.Equal(("103", "ext:103", ""), (record.AnsweredBy, record.Destination, record.Digits));
        Assert.True(record.CedHeard, "CED from the answering fax machine is recorded");

        // Detected inside the first burst (1.0-1.5 s), long before the second one (4.5 s).
        var ring = Assert.Single(record.Legs, l => l.Kind == LegKind.HuntAttempt);
        var after = (ring.Start - record.Start).TotalSeconds;
        Assert.InRange(after, 1.2, 1.9);
    }

    [Fact]
    public async Task Cng_without_a_fax_destination_changes_nothing_and_the_menu_goes_on()
    {
        if (Peers.Sipp() is not { } sipp || Sox.Find() is not { } sox)
        {
            return;
        }

        var plan = TestPlans.Plan(new NumberEntry("menu:main")) with
        {
            Menus = new Dictionary<string, IvrMenu> { ["main"] = new("main.wav", TimeoutSeconds: 2, Retries: 0, OnTimeout: "ext:101") },
        };
        await using var rig = EngineRig.Start(plan);
        TestWav.Write(Path.Combine(rig.PromptDirectory, "main.wav"), TestWav.Sine(600, 1000, 3000));
        var cng = Sox.UlawFile(sox, rig.PromptDirectory, "cng", "0.3 silence", "0.5 sine 1100", "2 silence");
        var phone = Peers.Answering(sipp);
        rig.RegisterPhone("101", phone.Port);
        var caller = Peers.MenuCall(sipp, rig, Peers.Stream(cng));

        await caller.SucceedsAsync("caller");
        await phone.SucceedsAsync("phone 101");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "101", "main:timeout", false), (record.Outcome, record.AnsweredBy, record.MenuChoices, record.CedHeard));
    }
}
