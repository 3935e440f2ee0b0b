using System.Text;
using EdgePbx.Routing.Cli;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Web.Api;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Pages;

/// <summary>"Explain a call": caller, called number and time in, the plan's decision and its trace out. Changes nothing.</summary>
public static class ExplainEndpoints
{
    public static void MapExplain(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/explain", (HttpContext http, PlanEditor editor, TimeProvider time) =>
        {
            var q = http.Request.Query;
            var plan = editor.Current;
            var zone = BoxTime.Zone(plan);
            var values = new FormValues
            {
                ["caller"] = q["caller"].ToString(),
                ["called"] = q["called"].ToString(),
                ["at"] = q["at"].ToString() is { Length: > 0 } at ? at : BoxTime.Input(time.GetUtcNow(), zone),
            };
            values.Check("night", q["night"] == "on");
            var issues = new FieldIssues();
            var result = string.Empty;
            var status = 200;
            if (q.ContainsKey("called"))
            {
                if (values.Text("called").Length == 0)
                {
                    issues.Add("called", "give the number that was called");
                }

                if (values.Text("caller").Length == 0)
                {
                    issues.Add("caller", "give the caller's number");
                }

                if (!BoxTime.TryParse(values["at"], zone, out var instant))
                {
                    issues.Add("at", "give a date and time, yyyy-MM-ddTHH:mm");
                }

                if (issues.Any)
                {
                    status = 400;
                }
                else if (editor.Snapshot is null)
                {
                    issues.AddGeneral("There is no plan in force yet.");
                }
                else
                {
                    var evaluator = new RouteEvaluator(plan);
                    var decision = evaluator.Evaluate(new CallFacts(values.Text("caller"), values.Text("called")) { NightMode = values.Checked("night") }, CallCounters.None, instant);
                    result = Render(decision, evaluator.RegionOf(values.Text("caller")).ToString());
                }
            }

            var html = "<p class=\"lead\">What would the plan in force do with this call? Nothing is dialled; counters (calls in progress, today's cost) count as zero.</p>" +
                Form.General(issues) +
                "<form method=\"get\" action=\"/explain\" class=\"card form\" id=\"explain\" novalidate>" +
                Form.Text("caller", "Caller", values, issues, "The number calling in, e.g. 13800138000 or 01088886666", extra: " inputmode=\"tel\"") +
                Form.Text("called", "Called number", values, issues, "One of the plan's numbers, e.g. the 400 number", extra: " inputmode=\"tel\"") +
                Form.Text("at", $"Time ({plan.TimeZone})", values, issues, null, "datetime-local") +
                Form.Check("night", "Night switch on", values, issues) +
                "<button type=\"submit\">Explain</button></form>" + result;
            return Page.Render(http, "Explain a call", html, status);
        }).RequireInstaller();

        endpoints.MapGet("/api/explain", (HttpContext http, PlanEditor editor, TimeProvider time) =>
        {
            var q = http.Request.Query;
            string caller = q["caller"].ToString(), called = q["called"].ToString();
            if (caller.Length == 0 || called.Length == 0)
            {
                return RequestBody.Error(StatusCodes.Status400BadRequest, "caller and called are required");
            }

            var at = time.GetUtcNow();
            if (q["at"].ToString() is { Length: > 0 } text && !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out at))
            {
                return RequestBody.Error(StatusCodes.Status400BadRequest, "at: give an ISO 8601 time with offset, e.g. 2026-11-25T10:00:00+08:00");
            }

            if (editor.Snapshot is null)
            {
                return RequestBody.Error(StatusCodes.Status409Conflict, "there is no plan in force yet");
            }

            var decision = new RouteEvaluator(editor.Current).Evaluate(new CallFacts(caller, called) { NightMode = q["night"] == "true" }, CallCounters.None, at);
            return Results.Json(new ExplainResponse(caller, called, at, decision.IsRejected, decision.Trace, PlanExplain.Render(decision)), WebJsonContext.Default.ExplainResponse);
        }).RequireInstaller();
    }

    private static string Render(RouteDecision decision, string region)
    {
        var html = new StringBuilder("<section class=\"card\" id=\"decision\"><h2>")
            .Append(decision.IsRejected ? "The call is refused" : "What happens")
            .Append("</h2><p>Caller region: ").Append(Html.E(region)).Append("</p><h3>Why</h3><ol id=\"trace\">");
        foreach (var line in decision.Trace)
        {
            html.Append("<li>").Append(Html.E(line)).Append("</li>");
        }

        return html.Append("</ol><h3>Steps</h3><pre id=\"steps\">").Append(Html.E(PlanExplain.Render(decision))).Append("</pre></section>").ToString();
    }
}
