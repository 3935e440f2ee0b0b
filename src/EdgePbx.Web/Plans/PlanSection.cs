using System.Text.Json;
using EdgePbx.Routing.Model;
using EdgePbx.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace EdgePbx.Web.Plans;

/// <summary>
/// One keyed part of the routing plan that the installer edits item by item (extensions, hunt groups, IVR
/// menus, schedules): how an item becomes form text and back, how it is listed, and its JSON for the API.
/// The endpoints are the same for every section (<see cref="PlanSectionEndpoints"/>).
/// </summary>
public abstract class PlanSection
{
    /// <summary>Route segment and plan property: "extensions", "groups", "menus", "schedules".</summary>
    public abstract string Kind { get; }

    public abstract string Title { get; }

    public abstract string Singular { get; }

    /// <summary>Form field names, each the JSON path below the item ("ringSeconds", "members"); "id" is the key.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    public abstract IReadOnlyList<string> Columns { get; }

    public string PathOf(string id) => $"$.{Kind}.{id}";

    public virtual string? IdProblem(string id) =>
        id.Length is >= 1 and <= 32 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && id is not ("new" or "save")
            ? null
            : "use 1 to 32 letters, digits, - or _ (not \"new\" or \"save\")";

    public abstract IEnumerable<string> Ids(RoutingPlan plan);

    public abstract bool Contains(RoutingPlan plan, string id);

    public abstract FormValues Values(RoutingPlan plan, string id);

    public abstract FormValues NewValues();

    public abstract string RenderFields(FormValues values, FieldIssues issues, bool isNew);

    public abstract IReadOnlyList<string> Row(RoutingPlan plan, string id);

    /// <summary>The change a valid form asks for, or null with the problems added to <paramref name="issues"/>.</summary>
    public abstract Func<RoutingPlan, RoutingPlan>? Parse(RoutingPlan plan, FormValues values, string? originalId, FieldIssues issues, out string id);

    public abstract RoutingPlan Remove(RoutingPlan plan, string id);

    public abstract void WriteJson(Utf8JsonWriter writer, RoutingPlan plan, string id);

    /// <summary>The change a JSON body asks for, or null with the reason (bad JSON, bad id).</summary>
    public abstract Func<RoutingPlan, RoutingPlan>? ReadJson(ReadOnlySpan<byte> body, string id, out string? problem);

    /// <summary>After the plan took a form's change: extra state kept outside the plan (phone secrets).</summary>
    public virtual Task<FieldIssues?> AfterSaveAsync(string id, string? originalId, FormValues values, string actor, CancellationToken cancellationToken) =>
        Task.FromResult<FieldIssues?>(null);

    /// <summary>Checks made before the plan is touched for extra state (phone secrets); problems go to <paramref name="issues"/>.</summary>
    public virtual void CheckExtra(FormValues values, FieldIssues issues)
    {
    }

    public virtual Task AfterDeleteAsync(string id, string actor, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual string ListExtra(HttpContext http) => string.Empty;

    /// <summary>Extra cards under an item's form (a menu's prompt player and upload); forms of their own, so not inside the edit form.</summary>
    public virtual string BelowForm(string csrf, FormValues values, bool isNew) => string.Empty;
}
