using EdgePbx.Routing.Cli;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Examples;

/// <summary>Together the example plans (read from disk) use every feature of the format.</summary>
public sealed class ExampleCoverageTests
{
    private static readonly RoutingPlan[] Plans =
        [.. Directory.GetFiles(Path.Combine(TestPlans.RepoRoot(), "examples", "plans"), "*.json").Order(StringComparer.Ordinal).Select(f => TestPlans.Parse(File.ReadAllText(f)))];

    private static IEnumerable<NumberEntry> Numbers => Plans.SelectMany(p => p.Numbers.Values);
    private static IEnumerable<RouteRule> Rules => Numbers.SelectMany(n => n.Rules);
    private static IEnumerable<Extension> Extensions => Plans.SelectMany(p => p.Extensions.Values);
    private static IEnumerable<HuntGroup> Groups => Plans.SelectMany(p => p.Groups.Values);
    private static IEnumerable<IvrMenu> Menus => Plans.SelectMany(p => p.Menus.Values);
    private static IEnumerable<Schedule> Schedules => Plans.SelectMany(p => p.Schedules.Values);

    public static TheoryData<string> PlanFiles() => ExamplePlanTests.PlanFiles();

    [Theory]
    [MemberData(nameof(PlanFiles))]
    public void Every_example_plan_is_free_of_warnings_too(string file)
    {
        var result = PlanCheck.Run(File.ReadAllBytes(Path.Combine(TestPlans.RepoRoot(), "examples", "plans", file)));

        Assert.True(result.Ok && result.Issues.Count == 0, result.Render());
    }

    [Fact]
    public void Numbers_with_their_own_entry_flows()
    {
        Assert.Contains(Plans, p => p.Numbers.Count > 1 && p.Numbers.Values.Select(n => n.Default).Distinct().Count() > 1);
        Assert.Contains(Numbers, n => n.Welcome is not null);
        Assert.Contains(Numbers, n => n.Ringback == RingbackKind.Audio && n.RingbackAudio is not null);
        Assert.Contains(Numbers, n => n.Ringback == RingbackKind.Tone);
        Assert.Contains(Numbers, n => n.Fax is not null);
        Assert.Contains(Numbers, n => n.Night is not null);
        Assert.Contains(Numbers, n => n.MaxConcurrent is not null);
    }

    [Fact]
    public void Rules_by_schedule_region_carrier_caller_prefix_and_split()
    {
        Assert.Contains(Rules, r => r.Schedule is not null && !r.WhenOpen);
        Assert.Contains(Rules, r => r.Regions.Any(x => x.Contains('/', StringComparison.Ordinal)));
        Assert.Contains(Rules, r => r.Regions.Any(x => !x.Contains('/', StringComparison.Ordinal)));
        Assert.Contains(Rules, r => r.Carriers.Count > 0);
        Assert.Contains(Rules, r => r.CallerPrefixes.Count > 0);
        Assert.Contains(Rules, r => r.Split.Count > 1);
    }

    [Fact]
    public void Extensions_with_voicemail_dnd_follow_me_and_scheduled_bound_numbers()
    {
        Assert.Contains(Extensions, e => e.Voicemail);
        Assert.Contains(Extensions, e => e.DoNotDisturb);
        Assert.Contains(Extensions, e => e.FollowMe && e.Bound.Any(b => b.Schedule is not null) && e.Bound.Any(b => b.Schedule is null));
        Assert.Contains(Extensions, e => e.RingSeconds != new Extension().RingSeconds);
    }

    [Fact]
    public void Groups_with_every_strategy_and_option()
    {
        Assert.Equal(Enum.GetValues<HuntStrategy>(), Groups.Select(g => g.Strategy).Distinct().Order());
        Assert.Contains(Groups, g => g.Members.Any(m => m.Target.StartsWith("external:", StringComparison.Ordinal)));
        Assert.Contains(Groups, g => g.Members.Any(m => m.RingSeconds is not null));
        Assert.Contains(Groups, g => g.Strategy == HuntStrategy.Custom && g.Members.Any(m => m.DelaySeconds > 0));
        Assert.Contains(Groups, g => !g.SkipBusy);
        Assert.Contains(Groups, g => g.Repeat > 1);
        Assert.Contains(Groups, g => g.MaxWaiting > 0);
        Assert.Contains(Groups, g => g.Overflow is not null && g.Overflow.StartsWith("group:", StringComparison.Ordinal));
        Assert.Contains(Groups, g => g.Overflow is not null && g.Overflow.StartsWith("voicemail:", StringComparison.Ordinal));
    }

    [Fact]
    public void Menus_with_every_action_direct_dial_retries_and_nesting()
    {
        var kinds = Menus.SelectMany(m => m.Options.Values).Select(t => Target.TryParse(t, out var p) ? p.Kind : (TargetKind?)null).Distinct();
        Assert.Equal(Enum.GetValues<TargetKind>().Cast<TargetKind?>().Order(), kinds.Order());
        Assert.Contains(Menus, m => m.DirectDial);
        Assert.Contains(Menus, m => m.OnTimeout is not null);
        Assert.Contains(Menus, m => m.OnInvalid is not null);
        Assert.Contains(Menus, m => m.Retries != new IvrMenu("p").Retries);
        Assert.Contains(Menus, m => m.TimeoutSeconds != new IvrMenu("p").TimeoutSeconds);
    }

    [Fact]
    public void Schedules_with_weekly_windows_overnight_holidays_special_days_and_time_zones()
    {
        Assert.Contains(Schedules, s => s.Weekly.Any(w => string.CompareOrdinal(w.To, w.From) <= 0)); // overnight
        Assert.Contains(Schedules, s => s.Overrides.Any(o => o.Windows.Count == 0 && o.Until is not null));
        Assert.Contains(Schedules, s => s.Overrides.Any(o => o.Windows.Count > 0));
        Assert.Contains(Plans, p => p.TimeZone == RoutingPlan.DefaultTimeZone && p.Schedules.Count > 0);
    }

    [Fact]
    public void Lists_regions_limits_and_tariffs()
    {
        Assert.Contains(Plans, p => p.Lists.Blacklist.Numbers.Count > 0 && p.Lists.Blacklist.Prefixes.Count > 0);
        Assert.Contains(Plans, p => p.Lists.Whitelist.Numbers.Count > 0 && p.Lists.Whitelist.Prefixes.Count > 0);
        Assert.Contains(Plans, p => p.Lists.WhitelistOnly);
        Assert.Contains(Plans, p => p.BlockedRegions.Count > 0);
        Assert.Contains(Plans, p => p.RegionPrefixes.Count > 0);
        Assert.Contains(Plans, p => p.Limits is { PerCaller: not null, MaxConcurrent: not null, MaxCallSeconds: not null, DailyCostCapFen: not null, MonthlyCostCapFen: not null });
        Assert.Contains(Plans, p => p.Tariff is { IncrementSeconds: 6, ChargeSharing: true, PricePerMinuteFen: > 0, LocalPricePerMinuteFen: > 0 });
        Assert.Contains(Plans, p => p.Tariff is { IncrementSeconds: 60, PricePerMinuteFen: > 0 });
    }
}
