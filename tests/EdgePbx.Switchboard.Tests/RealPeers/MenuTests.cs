using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>
/// sipp as the carrier keying in the main number's menu (RFC 4733 captures from sip-tester, in-band tones made
/// with sox and streamed with rtp_stream, SIP INFO); sipp as the desk phones the keys reach.
/// </summary>
[Collection("sipp")]
public sealed class MenuTests
{
    private static RoutingPlan MenuPlan(string? welcome = null, string? fax = null) => TestPlans.Plan(new NumberEntry("menu:main", Welcome: welcome, Fax: fax)) with
    {
        Menus = new Dictionary<string, IvrMenu>
        {
            ["main"] = new("main.wav", Options: new Dictionary<string, string> { ["1"] = "ext:101", ["2"] = "menu:sub", ["0"] = "ext:101" },
                DirectDial: true, TimeoutSeconds: 5, Retries: 1, OnTimeout: "ext:101"),
            ["sub"] = new("sub.wav", Options: new Dictionary<string, string> { ["3"] = "ext:103", ["9"] = "back" }),
        },
    };

    private static EngineRig Rig(RoutingPlan plan)
    {
        var rig = EngineRig.Start(plan);
        TestWav.Write(Path.Combine(rig.PromptDirectory, "main.wav"), TestWav.Sine(400, 1500, 3000));
        TestWav.Write(Path.Combine(rig.PromptDirectory, "sub.wav"), TestWav.Sine(500, 1500, 3000));
        return rig;
    }

    [Fact]
    public async Task Rfc4733_keys_from_sip_testers_pcaps_direct_dial_the_extension()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = Rig(MenuPlan());
        var phone = Peers.Answering(sipp);
        rig.RegisterPhone("102", phone.Port);
        var carrier = Peers.MenuCall(sipp, rig, Peers.Rfc4733Keys("102"));

        await carrier.SucceedsAsync("carrier keys 1 0 2 as RFC 4733 events");
        await phone.SucceedsAsync("phone 102");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(("102", "102", "main:102", "ext:102"), (record.AnsweredBy, record.Digits, record.MenuChoices, record.Destination));
    }

    [Fact]
    public async Task In_band_tones_streamed_with_rtp_stream_direct_dial_the_extension()
    {
        if (Peers.Sipp() is not { } sipp || Sox.Find() is not { } sox)
        {
            return;
        }

        await using var rig = Rig(MenuPlan());
        var keys = Sox.UlawFile(sox, rig.PromptDirectory, "keys", "0.5 silence", Sox.Dtmf('1', 0.12), "0.3 silence", Sox.Dtmf('0', 0.12), "0.3 silence", Sox.Dtmf('3', 0.12), "1.5 silence");
        var phone = Peers.Answering(sipp);
        rig.RegisterPhone("103", phone.Port);
        var carrier = Peers.MenuCall(sipp, rig, Peers.Stream(keys));

        await carrier.SucceedsAsync("carrier plays the tones of 1 0 3 in its G.711 audio");
        await phone.SucceedsAsync("phone 103");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(("103", "103", "main:103"), (record.AnsweredBy, record.Digits, record.MenuChoices));
    }

    [Fact]
    public async Task Sip_info_keys_go_into_a_nested_menu_back_out_and_to_the_operator()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        await using var rig = Rig(MenuPlan());
        var phone = Peers.Answering(sipp);
        rig.RegisterPhone("101", phone.Port);

        // dtmf-relay for 2 and 9, the bare-key form for 0 (both forms phones send).
        var carrier = Peers.MenuCall(sipp, rig, Peers.InfoKeys("29") + Peers.InfoKeys("0", "application/dtmf").Replace("CSeq: 2 INFO", "CSeq: 4 INFO", StringComparison.Ordinal));

        await carrier.SucceedsAsync("carrier keys 2 9 0 as SIP INFO");
        await phone.SucceedsAsync("phone 101 (the operator)");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(("101", "290", "main:2 sub:9 main:0"), (record.AnsweredBy, record.Digits, record.MenuChoices));
    }

    [Fact]
    public async Task A_demo_style_call_without_keys_reaches_the_timeout_target_after_the_retry()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        // No prompt files at all: the box logs, plays a short tone for each prompt and the menu still times out.
        await using var rig = EngineRig.Start(MenuPlan() with
        {
            Menus = new Dictionary<string, IvrMenu> { ["main"] = new("missing.wav", TimeoutSeconds: 1, Retries: 1, OnTimeout: "ext:101") },
        });
        var phone = Peers.Answering(sipp);
        rig.RegisterPhone("101", phone.Port);
        var started = DateTimeOffset.UtcNow;
        var carrier = Peers.MenuCall(sipp, rig, "");

        await carrier.SucceedsAsync("carrier waits in the menu");
        await phone.SucceedsAsync("phone 101");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal(("101", "", "main:timeout main:timeout"), (record.AnsweredBy, record.Digits, record.MenuChoices));

        // Two plays of 0.5 s tone + 1 s timeout each before ext:101 rings.
        var ring = Assert.Single(record.Legs, l => l.Kind == LegKind.HuntAttempt);
        Assert.InRange((ring.Start - record.Start).TotalSeconds, 2.9, 6);
        Assert.True(record.Start >= started.AddSeconds(-1));
    }
}
