using EdgePbx.Routing.Json;
using EdgePbx.Routing.Validation;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.RealPeers;

/// <summary>The shipped demo plan (examples/plans/demo.json): its main number's menu is reached and routes by keys.</summary>
[Collection("sipp")]
public sealed class DemoPlanTests
{
    [Fact]
    public async Task A_call_to_the_demo_main_number_reaches_the_menu_and_key_2_rings_support()
    {
        if (Peers.Sipp() is not { } sipp)
        {
            return;
        }

        var read = PlanJson.Read(File.ReadAllBytes(DemoPlanPath()));
        Assert.Empty(read.Errors);
        Assert.DoesNotContain(PlanValidator.Validate(read.Plan!), i => i.Severity == IssueSeverity.Error);

        // The rig runs on the real clock: drop the after-hours rule so the call meets the menu at any hour.
        var main = read.Plan!.Numbers[TestPlans.Main];
        var plan = read.Plan with { Numbers = new Dictionary<string, EdgePbx.Routing.Model.NumberEntry> { [TestPlans.Main] = main with { Rules = [] } } };

        // No prompt files in the data folder: ringback for the missing welcome, a short tone for the missing menu prompt.
        await using var rig = EngineRig.Start(plan, o => o with { MissingWelcomeToneTime = TimeSpan.FromMilliseconds(300) });
        var phone = Peers.Answering(sipp);
        rig.RegisterPhone("104", phone.Port);
        var carrier = Peers.MenuCall(sipp, rig, Peers.Rfc4733Keys("2", gapMs: 1200));

        await carrier.SucceedsAsync("carrier keys 2 in the demo main menu");
        await phone.SucceedsAsync("phone 104 (Support)");
        var record = Assert.Single(await rig.Records.WaitForAsync(1));
        Assert.Equal((CallOutcome.Answered, "104", "2", "main:2"), (record.Outcome, record.AnsweredBy, record.Digits, record.MenuChoices));
    }

    private static string DemoPlanPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "plans", "demo.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("examples/plans/demo.json above " + AppContext.BaseDirectory);
    }
}
