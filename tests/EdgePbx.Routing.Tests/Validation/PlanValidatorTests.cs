using EdgePbx.Routing.Model;
using EdgePbx.Routing.Tests.Support;
using EdgePbx.Routing.Validation;

namespace EdgePbx.Routing.Tests.Validation;

public sealed class PlanValidatorTests
{
    private static readonly RoutingPlan Valid = TestPlans.Parse(TestPlans.Base);

    private static List<string> ErrorPaths(RoutingPlan plan) =>
        PlanValidator.Validate(plan).Where(i => i.Severity == IssueSeverity.Error).Select(i => i.Path).ToList();

    private static PlanIssue SingleError(RoutingPlan plan) =>
        Assert.Single(PlanValidator.Validate(plan), i => i.Severity == IssueSeverity.Error);

    private static NumberEntry Main => Valid.Numbers["4006123456"];

    private static RoutingPlan WithNumber(NumberEntry n) =>
        Valid with { Numbers = new Dictionary<string, NumberEntry> { ["4006123456"] = n } };

    private static RoutingPlan WithMenu(string id, IvrMenu m) =>
        Valid with { Menus = new Dictionary<string, IvrMenu>(Valid.Menus) { [id] = m } };

    private static RoutingPlan WithGroup(string id, HuntGroup g) =>
        Valid with { Groups = new Dictionary<string, HuntGroup>(Valid.Groups) { [id] = g } };

    [Fact]
    public void Base_plan_is_valid_without_warnings()
    {
        Assert.Empty(PlanValidator.Validate(Valid));
    }

    [Fact]
    public void Menu_option_to_unknown_target_names_the_option_path()
    {
        var plan = WithMenu("main", Valid.Menus["main"] with { Options = new Dictionary<string, string> { ["1"] = "group:sales", ["9"] = "group:sales2" } });

        var error = SingleError(plan);

        Assert.Equal("$.menus.main.options.9", error.Path);
        Assert.Equal("unknown target \"group:sales2\"", error.Message);
    }

    [Theory]
    [InlineData("ext:999")]
    [InlineData("menu:nope")]
    [InlineData("group:nope")]
    [InlineData("voicemail:102")] // 102 exists but has no voicemail box
    [InlineData("voicemail:999")]
    [InlineData("external:13x")]
    [InlineData("sales")]
    [InlineData("fax:101")]
    public void Dangling_or_malformed_default_target_is_an_error_at_the_default_path(string target)
    {
        Assert.Equal(["$.numbers.4006123456.default"], ErrorPaths(WithNumber(Main with { Default = target })));
    }

    [Fact]
    public void A_group_with_a_voicemail_box_is_a_voicemail_target_and_one_without_is_not()
    {
        var sales = Valid.Groups["sales"];
        var withBox = Valid with { Groups = new Dictionary<string, HuntGroup> { ["sales"] = sales with { Voicemail = true, Overflow = "voicemail:sales" } } };
        var withoutBox = Valid with { Groups = new Dictionary<string, HuntGroup> { ["sales"] = sales with { Overflow = "voicemail:sales" } } };

        Assert.Empty(PlanValidator.Validate(withBox));
        var error = SingleError(withoutBox);
        Assert.Equal(("$.groups.sales.overflow", "\"voicemail:sales\": no extension or group sales with a voicemail box"), (error.Path, error.Message));
    }

    [Fact]
    public void A_group_box_may_not_share_its_id_with_an_extension()
    {
        var extensionId = Valid.Extensions.Keys.First();
        var plan = Valid with
        {
            Groups = new Dictionary<string, HuntGroup>(Valid.Groups) { [extensionId] = Valid.Groups["sales"] with { Voicemail = true } },
        };

        Assert.Contains(PlanValidator.Validate(plan), e => e.Path == $"$.groups.{extensionId}.voicemail" && e.Message.Contains("needs an ID of its own", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_with_unknown_schedule_names_the_rule_schedule_path()
    {
        var plan = WithNumber(Main with { Rules = [new RouteRule(Schedule: "weekend", Target: "group:sales")] });

        Assert.Equal(["$.numbers.4006123456.rules[0].schedule"], ErrorPaths(plan));
    }

    [Fact]
    public void Split_percentages_not_summing_to_100_are_an_error_at_the_split_path()
    {
        var plan = WithNumber(Main with { Rules = [new RouteRule(Split: [new SplitShare("group:sales", 60), new SplitShare("ext:101", 30)])] });

        var error = SingleError(plan);

        Assert.Equal("$.numbers.4006123456.rules[0].split", error.Path);
        Assert.Contains("90", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_percent_out_of_range_names_the_share()
    {
        var plan = WithNumber(Main with { Rules = [new RouteRule(Split: [new SplitShare("group:sales", 0), new SplitShare("ext:101", 100)])] });

        Assert.Equal(["$.numbers.4006123456.rules[0].split[0].percent"], ErrorPaths(plan));
    }

    [Fact]
    public void Rule_with_both_target_and_split_or_neither_is_an_error()
    {
        var both = WithNumber(Main with { Rules = [new RouteRule(Target: "ext:101", Split: [new SplitShare("ext:101", 100)])] });
        var neither = WithNumber(Main with { Rules = [new RouteRule(Name: "empty")] });

        Assert.Equal(["$.numbers.4006123456.rules[0]"], ErrorPaths(both));
        Assert.Equal(["$.numbers.4006123456.rules[0]"], ErrorPaths(neither));
    }

    [Fact]
    public void Weighted_group_weights_not_summing_to_100_are_an_error_at_members()
    {
        var plan = WithGroup("sales", Valid.Groups["sales"] with
        {
            Strategy = HuntStrategy.Weighted,
            Members = [new GroupMember("ext:101", Weight: 50), new GroupMember("ext:102", Weight: 49)],
        });

        Assert.Equal(["$.groups.sales.members"], ErrorPaths(plan));
    }

    [Fact]
    public void Group_member_that_is_a_menu_is_an_error()
    {
        var plan = WithGroup("sales", Valid.Groups["sales"] with { Members = [new GroupMember("menu:main")] });

        Assert.Equal(["$.groups.sales.members[0].target"], ErrorPaths(plan));
    }

    [Fact]
    public void Empty_group_and_bad_group_numbers_are_errors_at_their_paths()
    {
        var plan = WithGroup("sales", Valid.Groups["sales"] with { Members = [], RingSeconds = 0, Repeat = 0, MaxWaiting = -1 });

        Assert.Equal(
            ["$.groups.sales.members", "$.groups.sales.ringSeconds", "$.groups.sales.repeat", "$.groups.sales.maxWaiting"],
            ErrorPaths(plan));
    }

    [Fact]
    public void Menus_that_only_lead_into_each_other_are_a_loop_with_no_way_out()
    {
        var plan = Valid with
        {
            Menus = new Dictionary<string, IvrMenu>
            {
                ["main"] = new("a.wav", Options: new Dictionary<string, string> { ["1"] = "menu:sub" }, OnTimeout: "menu:sub", OnInvalid: "menu:main"),
                ["sub"] = new("b.wav", Options: new Dictionary<string, string> { ["*"] = "menu:main" }, OnTimeout: "menu:main", OnInvalid: "menu:sub"),
            },
        };

        var errors = PlanValidator.Validate(plan).Where(i => i.Severity == IssueSeverity.Error).ToList();

        Assert.Equal(["$.menus.main", "$.menus.sub"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Contains("loop", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Nested_menus_with_an_exit_are_not_a_loop()
    {
        var plan = Valid with
        {
            Menus = new Dictionary<string, IvrMenu>
            {
                ["main"] = new("a.wav", Options: new Dictionary<string, string> { ["1"] = "menu:sub" }, OnTimeout: "menu:sub", OnInvalid: "menu:main"),
                ["sub"] = new("b.wav", Options: new Dictionary<string, string> { ["*"] = "menu:main", ["1"] = "ext:101" }, OnTimeout: "menu:main", OnInvalid: "menu:sub"),
            },
        };

        Assert.Empty(ErrorPaths(plan));
    }

    [Fact]
    public void Groups_overflowing_into_each_other_are_an_overflow_loop()
    {
        var plan = Valid with
        {
            Groups = new Dictionary<string, HuntGroup>
            {
                ["sales"] = new([new GroupMember("ext:101")], Overflow: "group:backup"),
                ["backup"] = new([new GroupMember("ext:102")], Overflow: "group:sales"),
            },
        };

        Assert.Equal(["$.groups.backup.overflow", "$.groups.sales.overflow"], ErrorPaths(plan));
    }

    [Theory]
    [InlineData("25:00", "$.schedules.office.weekly[0].from")]
    [InlineData("9:00", "$.schedules.office.weekly[0].from")]
    [InlineData("09:60", "$.schedules.office.weekly[0].from")]
    [InlineData("24:01", "$.schedules.office.weekly[0].from")]
    public void Bad_time_names_the_window_field(string from, string path)
    {
        var plan = Valid with
        {
            Schedules = new Dictionary<string, Schedule> { ["office"] = new(Weekly: [new WeeklyWindow(["mon"], from, "18:00")]) },
        };

        Assert.Equal([path], ErrorPaths(plan));
    }

    [Fact]
    public void Bad_day_and_equal_from_to_are_errors()
    {
        var plan = Valid with
        {
            Schedules = new Dictionary<string, Schedule> { ["office"] = new(Weekly: [new WeeklyWindow(["mon", "monday"], "09:00", "09:00")]) },
        };

        Assert.Equal(["$.schedules.office.weekly[0].days[1]", "$.schedules.office.weekly[0]"], ErrorPaths(plan));
    }

    [Fact]
    public void Bad_override_dates_and_windows_are_errors_at_their_paths()
    {
        var plan = Valid with
        {
            Schedules = new Dictionary<string, Schedule>
            {
                ["office"] = new(Overrides:
                [
                    new DateOverride("2026-13-01"),
                    new DateOverride("2026-10-07", Until: "2026-10-01"),
                    new DateOverride("2026-10-10", Windows: [new TimeRange("18:00", "09:00")]),
                ]),
            },
        };

        Assert.Equal(
            ["$.schedules.office.overrides[0].date", "$.schedules.office.overrides[1].until", "$.schedules.office.overrides[2].windows[0]"],
            ErrorPaths(plan));
    }

    [Fact]
    public void More_than_ten_bound_numbers_is_an_error()
    {
        var bound = Enumerable.Range(0, 11).Select(i => new BoundNumber("1380013800" + i % 10)).ToList();
        var plan = Valid with { Extensions = new Dictionary<string, Extension>(Valid.Extensions) { ["102"] = new(Bound: bound) } };

        Assert.Equal(["$.extensions.102.bound"], ErrorPaths(plan));
    }

    [Fact]
    public void Ten_bound_numbers_are_allowed()
    {
        var bound = Enumerable.Range(0, 10).Select(i => new BoundNumber("1380013800" + i)).ToList();
        var plan = Valid with { Extensions = new Dictionary<string, Extension>(Valid.Extensions) { ["102"] = new(Bound: bound) } };

        Assert.Empty(ErrorPaths(plan));
    }

    [Fact]
    public void Bound_number_with_letters_or_unknown_schedule_is_an_error()
    {
        var plan = Valid with
        {
            Extensions = new Dictionary<string, Extension>(Valid.Extensions) { ["102"] = new(Bound: [new BoundNumber("138abc"), new BoundNumber("13800138000", "nights")]) },
        };

        Assert.Equal(["$.extensions.102.bound[0].number", "$.extensions.102.bound[1].schedule"], ErrorPaths(plan));
    }

    [Fact]
    public void Unknown_time_zone_and_version_are_errors()
    {
        Assert.Equal(["$.version", "$.timeZone"], ErrorPaths(Valid with { Version = 2, TimeZone = "Mars/Olympus" }));
    }

    [Fact]
    public void Unknown_regions_and_carriers_are_errors()
    {
        var plan = WithNumber(Main with { Rules = [new RouteRule(Regions: ["Guangdong", "Atlantis"], Carriers: ["CMCC", "Vodafone"], Target: "ext:101")] })
            with { BlockedRegions = ["Narnia"] };

        Assert.Equal(
            ["$.numbers.4006123456.rules[0].regions[1]", "$.numbers.4006123456.rules[0].carriers[1]", "$.blockedRegions[0]"],
            ErrorPaths(plan));
    }

    [Fact]
    public void Region_added_through_region_prefixes_is_known()
    {
        var plan = WithNumber(Main with { Rules = [new RouteRule(Regions: ["Macau"], Target: "ext:101")] })
            with { RegionPrefixes = new Dictionary<string, string> { ["1380000"] = "Macau/Macau" } };

        Assert.Empty(ErrorPaths(plan));
    }

    [Fact]
    public void Bad_list_entries_and_empty_whitelist_only_are_errors()
    {
        var plan = Valid with
        {
            Lists = new CallLists(new NumberList(["0215555x"], ["+"]), new NumberList(), WhitelistOnly: true),
        };

        Assert.Equal(["$.lists.blacklist.numbers[0]", "$.lists.blacklist.prefixes[0]", "$.lists.whitelistOnly"], ErrorPaths(plan));
    }

    [Fact]
    public void Bad_limits_and_tariff_are_errors_at_their_paths()
    {
        var plan = Valid with
        {
            Limits = new Limits(new FrequencyLimit(0, 0), 0, 0, -1, -1),
            Tariff = new Tariff(-1, 30, true, -1),
        };

        Assert.Equal(
            [
                "$.limits.perCaller.maxCalls", "$.limits.perCaller.windowMinutes", "$.limits.maxConcurrent", "$.limits.maxCallSeconds",
                "$.limits.dailyCostCapFen", "$.limits.monthlyCostCapFen", "$.tariff.incrementSeconds", "$.tariff.pricePerMinuteFen",
                "$.tariff.localPricePerMinuteFen",
            ],
            ErrorPaths(plan));
    }

    [Fact]
    public void Audio_ringback_without_a_file_is_an_error()
    {
        Assert.Equal(["$.numbers.4006123456.ringbackAudio"], ErrorPaths(WithNumber(Main with { Ringback = RingbackKind.Audio })));
    }

    [Fact]
    public void Bad_menu_key_and_numbers_are_errors()
    {
        var plan = WithMenu("main", Valid.Menus["main"] with
        {
            Options = new Dictionary<string, string> { ["1"] = "group:sales", ["10"] = "ext:101" },
            TimeoutSeconds = 0,
            Retries = -1,
        });

        Assert.Equal(["$.menus.main.options.10", "$.menus.main.timeoutSeconds", "$.menus.main.retries"], ErrorPaths(plan));
    }

    [Fact]
    public void Plan_without_numbers_is_an_error()
    {
        Assert.Contains("$.numbers", ErrorPaths(Valid with { Numbers = new Dictionary<string, NumberEntry>() }));
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var plan = WithNumber(Main with { Default = "ext:999", Fax = "menu:x", Night = "group:y" }) with { Version = 9 };

        Assert.Equal(4, ErrorPaths(plan).Count);
    }

    [Fact]
    public void Unreachable_menu_group_and_unused_schedule_are_warnings_not_errors()
    {
        var plan = WithNumber(Main with { Rules = [], Default = "ext:101" });

        var issues = PlanValidator.Validate(plan);

        Assert.All(issues, i => Assert.Equal(IssueSeverity.Warning, i.Severity));
        Assert.Equal(["$.menus.main", "$.groups.sales", "$.schedules.office"], issues.Select(i => i.Path));
    }

    private static List<string> Warnings(RoutingPlan plan) =>
        PlanValidator.Validate(plan).Where(i => i.Severity == IssueSeverity.Warning).Select(i => $"{i.Path}: {i.Message}").ToList();

    [Fact]
    public void Rules_after_a_rule_without_conditions_and_the_default_are_warned_as_never_used()
    {
        var plan = WithNumber(Main with
        {
            Rules = [new RouteRule(Regions: ["Beijing"], Target: "ext:101"), new RouteRule(Name: "all", Target: "group:sales"), new RouteRule(Schedule: "office", Target: "ext:102")],
        });

        Assert.Equal(
            [
                "$.numbers.4006123456.rules[2]: never used: rule 2 before it has no condition and takes every call",
                "$.numbers.4006123456.default: never used: rule 2 has no condition and takes every call",
            ],
            Warnings(plan).Where(w => w.Contains("never used", StringComparison.Ordinal)));
        Assert.Empty(ErrorPaths(plan));
    }

    [Fact]
    public void Member_listed_twice_is_an_error_at_the_second()
    {
        var plan = WithGroup("sales", Valid.Groups["sales"] with { Members = [new("ext:101"), new("ext:102"), new("ext:101")] });

        Assert.Equal(["$.groups.sales.members[2].target"], ErrorPaths(plan));
    }

    [Fact]
    public void Weights_and_delays_a_strategy_ignores_are_warnings()
    {
        var plan = WithGroup("sales", Valid.Groups["sales"] with { Members = [new("ext:101", Weight: 50), new("ext:102", DelaySeconds: 5)] });

        Assert.Equal(
            [
                "$.groups.sales.strategy: members have weights but only the weighted strategy uses them",
                "$.groups.sales.strategy: members have ring delays but only the custom strategy uses them",
            ],
            Warnings(plan));
    }

    [Fact]
    public void Bound_numbers_without_follow_me_are_a_warning()
    {
        var plan = Valid with
        {
            Extensions = new Dictionary<string, Extension>(Valid.Extensions) { ["102"] = new(Bound: [new BoundNumber("13800138000")]) },
        };

        Assert.Equal(["$.extensions.102.bound: bound numbers ring only when followMe is true"], Warnings(plan));
    }

    [Fact]
    public void Keys_that_are_not_plain_names_are_bracketed_in_paths()
    {
        var plan = WithMenu("main", Valid.Menus["main"] with { Options = new Dictionary<string, string> { ["1"] = "group:sales", ["*"] = "menu:gone" } })
            with { Schedules = new Dictionary<string, Schedule>(Valid.Schedules) { ["late shift"] = new(Weekly: [new WeeklyWindow(["mon"], "25:00", "06:00")]) } };

        Assert.Equal(["$.menus.main.options['*']", "$.schedules['late shift'].weekly[0].from"], ErrorPaths(plan));
    }

    [Fact]
    public void Back_is_a_valid_menu_choice_and_timeout_or_invalid_target()
    {
        var plan = WithMenu("main", Valid.Menus["main"] with
        {
            Options = new Dictionary<string, string>(Valid.Menus["main"].Options) { ["9"] = "back" },
            OnInvalid = "back",
            TimeoutPrompt = "timeout.wav",
            InvalidPrompt = "invalid.wav",
        });

        Assert.Empty(ErrorPaths(plan));
    }

    [Fact]
    public void Back_outside_a_menu_is_an_error_at_its_path()
    {
        var error = SingleError(WithNumber(Main with { Default = "back" }));

        Assert.Equal("$.numbers.4006123456.default", error.Path);
        Assert.Contains("menu choice only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_retry_prompt_is_an_error()
    {
        var error = SingleError(WithMenu("main", Valid.Menus["main"] with { TimeoutPrompt = " " }));

        Assert.Equal("$.menus.main.timeoutPrompt", error.Path);
    }

    [Fact]
    public void A_menu_whose_only_ways_out_are_back_and_itself_is_a_trap()
    {
        var trap = new IvrMenu("t.wav", Options: new Dictionary<string, string> { ["9"] = "back", ["1"] = "menu:t" }, OnTimeout: "menu:t", OnInvalid: "back");
        var plan = WithMenu("t", trap);

        Assert.Contains("$.menus.t", ErrorPaths(plan));
    }
}
