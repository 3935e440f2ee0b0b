using System.Net;
using EdgePbx.Routing.Model;
using EdgePbx.Web.Tests.Support;
using static EdgePbx.Web.Tests.Support.WebShellHost;

namespace EdgePbx.Web.Tests.Plans;

/// <summary>Editing the plan through the pages: a good edit is in force at once and audited; a bad one shows why next to the field and changes nothing.</summary>
public sealed class PlanPagesTests
{
    [Fact]
    public async Task Adding_an_extension_with_a_sip_password_puts_it_in_the_plan_and_the_secret_in_the_phone_store()
    {
        await using var host = await StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await browser.PostAsync(new Uri("/extensions/save", UriKind.Relative), Form(
                ("csrf", csrf), ("id", "105"), ("name", "Warehouse <b>"), ("voicemail", "on"), ("ringSeconds", "30"),
                ("bound", "13800138000 business\n13900139000"), ("sipPassword", "Phone-105-pass"), ("voicemailPin", "2468")));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/extensions?saved=105", response.Headers.Location!.OriginalString);
            Assert.Equal(2, host.Revision);
            var ext = host.Plan.Current!.Plan.Extensions["105"];
            Assert.Equal(new Extension("Warehouse <b>", true, false, false, 30, null), ext with { Bound = [] });
            Assert.Equal([new BoundNumber("13800138000", "business"), new BoundNumber("13900139000")], ext.Bound);
            Assert.Equal("Phone-105-pass", host.Phones.FindSipPassword("105"));
            Assert.True(host.Phones.VerifyVoicemailPin("105", "2468"));
            Assert.Contains(host.Audit.Recent(10), e => e.Action == "plan.edited" && e.Detail == "extension 105 saved (revision 2)" && e.Actor == "installer");

            var list = await browser.GetStringAsync(new Uri("/extensions?saved=105", UriKind.Relative));
            Assert.Contains("Warehouse &lt;b&gt;", list, StringComparison.Ordinal);
            Assert.DoesNotContain("Warehouse <b>", list, StringComparison.Ordinal);
            Assert.Contains("<td>13800138000 (while business is open), 13900139000</td>", list, StringComparison.Ordinal);

            // A bound number's schedule must exist: the plan's message lands on the bound-numbers field, on its line.
            var refused = await browser.PostAsync(new Uri("/extensions/save", UriKind.Relative), Form(
                ("csrf", csrf), ("original", "105"), ("id", "105"), ("ringSeconds", "30"), ("bound", "13800138000 business\n13900139000 weekend")));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Matches("<p class=\"problem\" id=\"f-bound-problem\">line 2: [^<]*weekend[^<]*</p>", await refused.Content.ReadAsStringAsync());
            Assert.Equal(2, host.Revision);
        }
    }

    [Fact]
    public async Task A_group_member_that_does_not_exist_is_shown_next_to_the_members_field_and_nothing_changes()
    {
        await using var host = await StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await browser.PostAsync(new Uri("/groups/save", UriKind.Relative), Form(
                ("csrf", csrf), ("id", "support"), ("name", "Support"), ("strategy", "ringAll"), ("members", "ext:104\next:999"),
                ("ringSeconds", "20"), ("repeat", "1"), ("maxWaiting", "0"), ("overflow", "")));

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<p class=\"problem\" id=\"f-members-problem\">line 2: unknown target &quot;ext:999&quot;</p>", html, StringComparison.Ordinal);
            Assert.Contains("aria-describedby=\"f-members-problem\"", html, StringComparison.Ordinal);
            // What the installer typed is kept.
            Assert.Contains("ext:104&#xA;ext:999</textarea>", html, StringComparison.Ordinal);
            Assert.Equal(1, host.Revision);
            Assert.False(host.Plan.Current!.Plan.Groups.ContainsKey("support"));
        }
    }

    [Fact]
    public async Task A_number_field_that_is_not_a_number_is_refused_before_the_plan_is_touched()
    {
        await using var host = await StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await browser.PostAsync(new Uri("/menus/save", UriKind.Relative), Form(
                ("csrf", csrf), ("original", "main"), ("id", "main"), ("prompt", "prompts/main-menu.wav"), ("options", "1 = group:sales"),
                ("timeoutSeconds", "five"), ("retries", "2")));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("id=\"f-timeoutSeconds-problem\">must be a whole number</p>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(1, host.Revision);
        }
    }

    [Fact]
    public async Task Building_a_group_and_an_ivr_menu_that_uses_it_applies_both_as_new_revisions()
    {
        await using var host = await StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var group = await browser.PostAsync(new Uri("/groups/save", UriKind.Relative), Form(
                ("csrf", csrf), ("id", "support"), ("name", "Support"), ("strategy", "weighted"), ("members", "ext:104 weight=70\next:101 weight=30 ring=15"),
                ("ringSeconds", "20"), ("skipBusy", "on"), ("repeat", "2"), ("maxWaiting", "3"), ("overflow", "voicemail:101")));
            Assert.Equal(HttpStatusCode.Redirect, group.StatusCode);

            var menu = await browser.PostAsync(new Uri("/menus/save", UriKind.Relative), Form(
                ("csrf", csrf), ("id", "after"), ("name", "After hours"), ("prompt", "prompts/after.wav"), ("options", "1 = group:support\n# = voicemail:101"),
                ("timeoutSeconds", "6"), ("retries", "1"), ("onTimeout", "voicemail:101"), ("onInvalid", "")));
            Assert.Equal(HttpStatusCode.Redirect, menu.StatusCode);

            var plan = host.Plan.Current!.Plan;
            Assert.Equal(3, host.Revision);
            var g = plan.Groups["support"];
            Assert.Equal(HuntStrategy.Weighted, g.Strategy);
            Assert.Equal([new GroupMember("ext:104", 70), new GroupMember("ext:101", 30, 0, 15)], g.Members);
            Assert.Equal((2, 3, "voicemail:101"), (g.Repeat, g.MaxWaiting, g.Overflow));
            Assert.Equal(new Dictionary<string, string> { ["1"] = "group:support", ["#"] = "voicemail:101" }, plan.Menus["after"].Options);
            Assert.Null(plan.Menus["after"].OnInvalid);

            // The form shows the saved group as it was typed.
            var form = await browser.GetStringAsync(new Uri("/groups/support", UriKind.Relative));
            Assert.Contains("ext:104 weight=70&#xA;ext:101 weight=30 ring=15</textarea>", form, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deleting_an_extension_a_group_still_rings_is_refused_with_the_reason_and_the_phone_keeps_its_secret()
    {
        await using var host = await StartAsync();
        await host.Phones.SetAsync("102", "Phone-102-pass", null, "test");
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await browser.PostAsync(new Uri("/extensions/102/delete", UriKind.Relative), Form(("csrf", csrf)));

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("$.groups.sales.members[0].target: unknown target &quot;ext:102&quot;", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(host.Plan.Current!.Plan.Extensions.ContainsKey("102"));
            Assert.Equal("Phone-102-pass", host.Phones.FindSipPassword("102"));
        }
    }

    [Fact]
    public async Task Deleting_an_unused_extension_removes_it_and_forgets_its_phone_secrets()
    {
        await using var host = await StartAsync();
        await host.Phones.SetAsync("103", "Phone-103-pass", null, "test");
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            // 103 is in the sales group; take it out first, then delete it.
            var group = await browser.PostAsync(new Uri("/groups/save", UriKind.Relative), Form(
                ("csrf", csrf), ("original", "sales"), ("id", "sales"), ("strategy", "roundRobin"), ("members", "ext:102"),
                ("ringSeconds", "20"), ("repeat", "1"), ("maxWaiting", "0"), ("overflow", "voicemail:102")));
            Assert.Equal(HttpStatusCode.Redirect, group.StatusCode);
            var response = await browser.PostAsync(new Uri("/extensions/103/delete", UriKind.Relative), Form(("csrf", csrf)));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.False(host.Plan.Current!.Plan.Extensions.ContainsKey("103"));
            Assert.Null(host.Phones.FindSipPassword("103"));
            Assert.Contains(host.Audit.Recent(10), e => e.Action == "phone.deleted" && e.Detail == "103");
        }
    }

    [Fact]
    public async Task Renumbering_an_extension_moves_its_phone_secrets_and_a_taken_number_is_refused_at_the_id_field()
    {
        await using var host = await StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            await browser.PostAsync(new Uri("/extensions/save", UriKind.Relative), Form(("csrf", csrf), ("id", "105"), ("ringSeconds", "25"), ("sipPassword", "Phone-105-pass")));

            var taken = await browser.PostAsync(new Uri("/extensions/save", UriKind.Relative), Form(("csrf", csrf), ("original", "105"), ("id", "101"), ("ringSeconds", "25")));
            Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
            Assert.Contains("id=\"f-id-problem\">extension 101 exists already</p>", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var moved = await browser.PostAsync(new Uri("/extensions/save", UriKind.Relative), Form(("csrf", csrf), ("original", "105"), ("id", "205"), ("ringSeconds", "25")));
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
            var plan = host.Plan.Current!.Plan;
            Assert.False(plan.Extensions.ContainsKey("105"));
            Assert.True(plan.Extensions.ContainsKey("205"));
            Assert.Null(host.Phones.FindSipPassword("105"));
            Assert.Equal("Phone-105-pass", host.Phones.FindSipPassword("205"));
        }
    }

    [Fact]
    public async Task Schedule_lines_become_weekly_windows_and_holidays_and_a_bad_day_is_named_on_its_line()
    {
        await using var host = await StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var ok = await browser.PostAsync(new Uri("/schedules/save", UriKind.Relative), Form(
                ("csrf", csrf), ("original", "business"), ("id", "business"), ("name", "Business hours"),
                ("weekly", "mon-fri 09:00-18:00\nsat 09:00-12:00"), ("overrides", "2026-10-01..2026-10-07 National Day\n2026-09-28 09:00-18:00 Make-up day")));
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            var s = host.Plan.Current!.Plan.Schedules["business"];
            Assert.Equal(["mon", "tue", "wed", "thu", "fri"], s.Weekly[0].Days);
            Assert.Equal(new DateOverride("2026-10-01", "2026-10-07", "National Day", []), s.Overrides[0] with { Windows = [] });
            Assert.Equal([new TimeRange("09:00", "18:00")], s.Overrides[1].Windows);
            Assert.Equal("Make-up day", s.Overrides[1].Name);

            var bad = await browser.PostAsync(new Uri("/schedules/save", UriKind.Relative), Form(
                ("csrf", csrf), ("original", "business"), ("id", "business"), ("weekly", "mon-fri 09:00-18:00\nfunday 10:00-11:00"), ("overrides", "")));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            Assert.Contains("id=\"f-weekly-problem\">line 2: &quot;funday&quot; is not a day", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(2, host.Revision);
        }
    }

    [Fact]
    public async Task Lists_and_limits_forms_apply_and_a_bad_increment_shows_at_its_field()
    {
        await using var host = await StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var lists = await browser.PostAsync(new Uri("/lists", UriKind.Relative), Form(
                ("csrf", csrf), ("lists.blacklist.numbers", "13000000000"), ("lists.blacklist.prefixes", "170\n171"),
                ("lists.whitelist.numbers", ""), ("lists.whitelist.prefixes", ""), ("blockedRegions", "Guangdong")));
            Assert.Equal(HttpStatusCode.Redirect, lists.StatusCode);
            Assert.Equal(["170", "171"], host.Plan.Current!.Plan.Lists.Blacklist.Prefixes);
            Assert.Equal(["Guangdong"], host.Plan.Current!.Plan.BlockedRegions);

            var limits = await browser.PostAsync(new Uri("/limits", UriKind.Relative), Form(
                ("csrf", csrf), ("limits.perCaller.maxCalls", "3"), ("limits.perCaller.windowMinutes", "10"), ("limits.maxConcurrent", "8"),
                ("tariff.pricePerMinuteFen", "12"), ("tariff.incrementSeconds", "30"), ("tariff.localPricePerMinuteFen", "0")));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, limits.StatusCode);
            Assert.Contains("id=\"f-tariff-incrementSeconds-problem\">billing increment must be 6 or 60 seconds, not 30</p>", await limits.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Null(host.Plan.Current!.Plan.Limits.MaxConcurrent);

            var good = await browser.PostAsync(new Uri("/limits", UriKind.Relative), Form(
                ("csrf", csrf), ("limits.perCaller.maxCalls", "3"), ("limits.perCaller.windowMinutes", "10"), ("limits.maxConcurrent", "8"),
                ("tariff.pricePerMinuteFen", "12"), ("tariff.incrementSeconds", "6"), ("tariff.localPricePerMinuteFen", "0")));
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
            Assert.Equal(new Limits(new FrequencyLimit(3, 10), 8), host.Plan.Current!.Plan.Limits);
            Assert.Equal(6, host.Plan.Current!.Plan.Tariff.IncrementSeconds);
        }
    }
}
