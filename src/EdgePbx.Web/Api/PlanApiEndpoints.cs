using System.Globalization;
using EdgePbx.Routing.Json;
using EdgePbx.Storage.Phones;
using EdgePbx.Storage.Plans;
using EdgePbx.Web.Pages;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Api;

/// <summary>The whole plan (read, replace, roll back, restore from history) and the phones' secrets, for scripts.</summary>
public static class PlanApiEndpoints
{
    public static void MapPhonesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/phones", (PhoneAccountStore phones) =>
            Results.Json<IReadOnlyList<PhoneAccount>>(phones.List(), WebJsonContext.Default.IReadOnlyListPhoneAccount)).RequireInstaller();

        endpoints.MapPut("/api/phones/{id}", async Task<IResult> (HttpContext http, PhoneAccountStore phones, PlanEditor editor) =>
        {
            var id = PlanSectionEndpoints.RouteId(http);
            if (!editor.Current.Extensions.ContainsKey(id))
            {
                return RequestBody.Error(StatusCodes.Status404NotFound, $"no extension {id} in the plan");
            }

            var (body, error) = await PlanWideSettingsEndpoints.Read(http, WebJsonContext.Default.PhoneSecretsBody).ConfigureAwait(false);
            if (body is null)
            {
                return error!;
            }

            var result = await phones.SetAsync(id, body.SipPassword, body.VoicemailPin, Page.Actor(http), http.RequestAborted).ConfigureAwait(false);
            return result.Succeeded
                ? Results.NoContent()
                : RequestBody.Error(StatusCodes.Status400BadRequest, $"{result.Field}: {result.Error}");
        }).RequireInstaller();
    }

    public static void MapPlanApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/plan", (HttpContext http, PlanEditor editor) =>
        {
            if (editor.Snapshot is { } snapshot)
            {
                http.Response.Headers["X-Plan-Revision"] = snapshot.Revision.ToString(CultureInfo.InvariantCulture);
            }

            return Results.Bytes(PlanJson.Write(editor.Current), "application/json; charset=utf-8");
        }).RequireInstaller();

        endpoints.MapPut("/api/plan", async Task<IResult> (HttpContext http, PlanEditor editor) =>
        {
            var (body, refusal) = await RequestBody.ReadAsync(http).ConfigureAwait(false);
            return refusal ?? PlanResults.From(await editor.ReplaceAsync(body, Page.Actor(http), "whole plan replaced (API)", http.RequestAborted).ConfigureAwait(false));
        }).RequireInstaller();

        endpoints.MapPost("/api/plan/rollback", async Task<IResult> (HttpContext http, PlanEditor editor) =>
        {
            var snapshot = await editor.RollBackAsync(Page.Actor(http), http.RequestAborted).ConfigureAwait(false);
            return snapshot is null
                ? RequestBody.Error(StatusCodes.Status409Conflict, "there is no last-known-good plan to roll back to")
                : Results.Json(new PlanEditResponse(true, snapshot.Revision, []), WebJsonContext.Default.PlanEditResponse);
        }).RequireInstaller();

        endpoints.MapPost("/api/plan/history/{id}/restore", async Task<IResult> (HttpContext http, PlanEditor editor, PlanHistory history) =>
        {
            var outcome = await RestoreAsync(http, editor, history).ConfigureAwait(false);
            return outcome is null ? RequestBody.Error(StatusCodes.Status404NotFound, "no such plan in history") : PlanResults.From(outcome);
        }).RequireInstaller();
    }

    /// <summary>Applies an older plan from history again, as a new revision; null when the id is unknown.</summary>
    public static async Task<PlanEditResult?> RestoreAsync(HttpContext http, PlanEditor editor, PlanHistory history)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(history);
        if (!long.TryParse(PlanSectionEndpoints.RouteId(http), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var entry = history.Recent(1000).FirstOrDefault(e => e.Id == id);
        if (entry is null)
        {
            return null;
        }

        return await editor.ReplaceAsync(System.Text.Encoding.UTF8.GetBytes(entry.PlanJson), Page.Actor(http), $"plan {entry.Version} from history restored", http.RequestAborted).ConfigureAwait(false);
    }
}
