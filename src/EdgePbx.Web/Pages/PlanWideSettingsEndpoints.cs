using System.Text.Json;
using EdgePbx.Routing.Model;
using EdgePbx.Web.Api;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Pages;

/// <summary>The plan-wide parts: black/white lists with blocked regions, and limits with the tariff. One form each, one JSON body each.</summary>
public static class PlanWideSettingsEndpoints
{
    private static readonly string[] ListFields =
        ["lists.blacklist.numbers", "lists.blacklist.prefixes", "lists.whitelist.numbers", "lists.whitelist.prefixes", "lists.whitelistOnly", "blockedRegions"];

    private static readonly string[] LimitFields =
    [
        "limits.perCaller.maxCalls", "limits.perCaller.windowMinutes", "limits.maxConcurrent", "limits.maxCallSeconds",
        "limits.dailyCostCapFen", "limits.monthlyCostCapFen",
        "tariff.pricePerMinuteFen", "tariff.incrementSeconds", "tariff.chargeSharing", "tariff.localPricePerMinuteFen",
    ];

    public static void MapPlanWideSettings(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/lists", (HttpContext http, PlanEditor editor) =>
            ListsPage(http, ListValues(editor.Current), new FieldIssues(), 200)).RequireInstaller();

        endpoints.MapPost("/lists", async Task<IResult> (HttpContext http, PlanEditor editor) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            var values = FormValues.From(form, ListFields);
            var lists = new CallLists(
                new NumberList(values.Lines("lists.blacklist.numbers"), values.Lines("lists.blacklist.prefixes")),
                new NumberList(values.Lines("lists.whitelist.numbers"), values.Lines("lists.whitelist.prefixes")),
                values.Checked("lists.whitelistOnly"));
            var regions = values.Lines("blockedRegions");
            var result = await editor.EditAsync(p => p with { Lists = lists, BlockedRegions = regions }, Page.Actor(http), "lists and blocked regions saved", http.RequestAborted).ConfigureAwait(false);
            return result.Ok
                ? Results.Redirect("/lists?saved=1")
                : ListsPage(http, values, FieldIssues.Map(result.Issues, "$", ListFields), StatusCodes.Status422UnprocessableEntity);
        }).RequireInstaller();

        endpoints.MapGet("/limits", (HttpContext http, PlanEditor editor) =>
            LimitsPage(http, LimitValues(editor.Current), new FieldIssues(), 200)).RequireInstaller();

        endpoints.MapPost("/limits", async Task<IResult> (HttpContext http, PlanEditor editor) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            var values = FormValues.From(form, LimitFields);
            var issues = new FieldIssues();
            var maxCalls = values.OptionalWhole("limits.perCaller.maxCalls", issues);
            var window = values.OptionalWhole("limits.perCaller.windowMinutes", issues);
            if ((maxCalls is null) != (window is null))
            {
                issues.Add(maxCalls is null ? "limits.perCaller.maxCalls" : "limits.perCaller.windowMinutes", "give both calls and minutes, or neither");
            }

            var limits = new Limits(
                maxCalls is { } m && window is { } w ? new FrequencyLimit(m, w) : null,
                values.OptionalWhole("limits.maxConcurrent", issues),
                values.OptionalWhole("limits.maxCallSeconds", issues),
                values.OptionalWholeLong("limits.dailyCostCapFen", issues),
                values.OptionalWholeLong("limits.monthlyCostCapFen", issues));
            var tariff = new Tariff(
                values.Whole("tariff.pricePerMinuteFen", issues),
                values.Whole("tariff.incrementSeconds", issues, 60),
                values.Checked("tariff.chargeSharing"),
                values.Whole("tariff.localPricePerMinuteFen", issues));
            if (issues.Any)
            {
                return LimitsPage(http, values, issues, StatusCodes.Status400BadRequest);
            }

            var result = await editor.EditAsync(p => p with { Limits = limits, Tariff = tariff }, Page.Actor(http), "limits and tariff saved", http.RequestAborted).ConfigureAwait(false);
            return result.Ok
                ? Results.Redirect("/limits?saved=1")
                : LimitsPage(http, values, FieldIssues.Map(result.Issues, "$", LimitFields), StatusCodes.Status422UnprocessableEntity);
        }).RequireInstaller();

        endpoints.MapGet("/api/lists", (PlanEditor editor) =>
            Results.Json(new ListsBody(editor.Current.Lists, editor.Current.BlockedRegions), WebJsonContext.Default.ListsBody)).RequireInstaller();

        endpoints.MapPut("/api/lists", async Task<IResult> (HttpContext http, PlanEditor editor) =>
        {
            var (body, error) = await Read(http, WebJsonContext.Default.ListsBody).ConfigureAwait(false);
            return body is null
                ? error!
                : PlanResults.From(await editor.EditAsync(p => p with { Lists = body.Lists, BlockedRegions = body.BlockedRegions }, Page.Actor(http), "lists and blocked regions saved (API)", http.RequestAborted).ConfigureAwait(false));
        }).RequireInstaller();

        endpoints.MapGet("/api/limits", (PlanEditor editor) =>
            Results.Json(new LimitsBody(editor.Current.Limits, editor.Current.Tariff), WebJsonContext.Default.LimitsBody)).RequireInstaller();

        endpoints.MapPut("/api/limits", async Task<IResult> (HttpContext http, PlanEditor editor) =>
        {
            var (body, error) = await Read(http, WebJsonContext.Default.LimitsBody).ConfigureAwait(false);
            return body is null
                ? error!
                : PlanResults.From(await editor.EditAsync(p => p with { Limits = body.Limits, Tariff = body.Tariff }, Page.Actor(http), "limits and tariff saved (API)", http.RequestAborted).ConfigureAwait(false));
        }).RequireInstaller();
    }

    /// <summary>Reads a JSON body of type <typeparamref name="T"/>; null with a 4xx when it is too big, not JSON or the wrong shape.</summary>
    public static async Task<(T? Body, IResult? Error)> Read<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        var (bytes, refusal) = await RequestBody.ReadAsync(http).ConfigureAwait(false);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type) is { } body
                ? (body, null)
                : (null, RequestBody.Error(StatusCodes.Status400BadRequest, "bad JSON: the body is null"));
        }
        catch (JsonException e)
        {
            return (null, RequestBody.Error(StatusCodes.Status400BadRequest, "bad JSON: " + PlanSectionOf<Extension>.FirstSentence(e.Message)));
        }
    }

    private static FormValues ListValues(RoutingPlan plan)
    {
        var values = new FormValues
        {
            ["lists.blacklist.numbers"] = string.Join("\n", plan.Lists.Blacklist.Numbers),
            ["lists.blacklist.prefixes"] = string.Join("\n", plan.Lists.Blacklist.Prefixes),
            ["lists.whitelist.numbers"] = string.Join("\n", plan.Lists.Whitelist.Numbers),
            ["lists.whitelist.prefixes"] = string.Join("\n", plan.Lists.Whitelist.Prefixes),
            ["blockedRegions"] = string.Join("\n", plan.BlockedRegions),
        };
        values.Check("lists.whitelistOnly", plan.Lists.WhitelistOnly);
        return values;
    }

    private static FormValues LimitValues(RoutingPlan plan)
    {
        var l = plan.Limits;
        var t = plan.Tariff;
        var values = new FormValues
        {
            ["limits.perCaller.maxCalls"] = FormValues.Number(l.PerCaller?.MaxCalls),
            ["limits.perCaller.windowMinutes"] = FormValues.Number(l.PerCaller?.WindowMinutes),
            ["limits.maxConcurrent"] = FormValues.Number(l.MaxConcurrent),
            ["limits.maxCallSeconds"] = FormValues.Number(l.MaxCallSeconds),
            ["limits.dailyCostCapFen"] = FormValues.Number(l.DailyCostCapFen),
            ["limits.monthlyCostCapFen"] = FormValues.Number(l.MonthlyCostCapFen),
            ["tariff.pricePerMinuteFen"] = FormValues.Number(t.PricePerMinuteFen),
            ["tariff.incrementSeconds"] = FormValues.Number(t.IncrementSeconds),
            ["tariff.localPricePerMinuteFen"] = FormValues.Number(t.LocalPricePerMinuteFen),
        };
        values.Check("tariff.chargeSharing", t.ChargeSharing);
        return values;
    }

    private static IResult ListsPage(HttpContext http, FormValues values, FieldIssues issues, int status)
    {
        var saved = http.Request.Query.ContainsKey("saved") ? "<p class=\"card notice\" role=\"status\">Saved. The plan in force now has these lists.</p>" : string.Empty;
        var lines = "One per line";
        var html = saved + Form.General(issues) + Form.Begin("/lists", Page.Csrf(http), "lists") +
            "<fieldset><legend>Blacklist: always refused</legend>" +
            Form.Area("lists.blacklist.numbers", "Numbers", values, issues, lines) +
            Form.Area("lists.blacklist.prefixes", "Number prefixes", values, issues, lines) +
            "</fieldset><fieldset><legend>Whitelist: never refused by the blacklist, regions or frequency limit</legend>" +
            Form.Area("lists.whitelist.numbers", "Numbers", values, issues, lines) +
            Form.Area("lists.whitelist.prefixes", "Number prefixes", values, issues, lines) +
            Form.Check("lists.whitelistOnly", "Only whitelisted callers get through", values, issues) +
            "</fieldset>" +
            Form.Area("blockedRegions", "Blocked caller regions", values, issues, "One per line: Province or Province/City (pinyin), e.g. Guangdong or Guangdong/Shenzhen") +
            Form.End("Save lists");
        return Page.Render(http, "Black/white lists and regions", html, status);
    }

    private static IResult LimitsPage(HttpContext http, FormValues values, FieldIssues issues, int status)
    {
        var saved = http.Request.Query.ContainsKey("saved") ? "<p class=\"card notice\" role=\"status\">Saved. The plan in force now has these limits.</p>" : string.Empty;
        var none = "Empty for no limit";
        var html = saved + Form.General(issues) + Form.Begin("/limits", Page.Csrf(http), "limits") +
            "<fieldset><legend>Limits</legend>" +
            Form.Text("limits.perCaller.maxCalls", "Calls one caller may make", values, issues, none, "number") +
            Form.Text("limits.perCaller.windowMinutes", "... within minutes", values, issues, none, "number") +
            Form.Text("limits.maxConcurrent", "Calls at the same time", values, issues, none, "number") +
            Form.Text("limits.maxCallSeconds", "Longest call (seconds)", values, issues, none, "number") +
            Form.Text("limits.dailyCostCapFen", "Cost cap per day (fen)", values, issues, none, "number") +
            Form.Text("limits.monthlyCostCapFen", "Cost cap per month (fen)", values, issues, none, "number") +
            "</fieldset><fieldset><legend>Tariff</legend>" +
            Form.Text("tariff.pricePerMinuteFen", "Price per minute (fen)", values, issues, null, "number") +
            Form.Text("tariff.incrementSeconds", "Billing increment (seconds)", values, issues, "6 or 60", "number") +
            Form.Check("tariff.chargeSharing", "Charge sharing: the caller pays the local rate (400 numbers)", values, issues) +
            Form.Text("tariff.localPricePerMinuteFen", "Local price per minute (fen)", values, issues, null, "number") +
            "</fieldset>" + Form.End("Save limits");
        return Page.Render(http, "Limits and tariff", html, status);
    }
}
