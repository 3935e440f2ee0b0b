using System.Globalization;
using EdgePbx.Routing.Json;
using EdgePbx.Routing.Model;
using EdgePbx.Storage.Audit;
using EdgePbx.Switchboard.Plans;

namespace EdgePbx.Web.Plans;

/// <summary>
/// Every change the installer makes to the routing plan: take the plan in force, change one part, and
/// offer the whole result to <see cref="PlanActivation"/> exactly like a cloud update (validated, recorded
/// in plan history, swapped atomically). A change that does not validate changes nothing. Edits from
/// several browsers are serialised so none is lost between read and apply.
/// </summary>
public sealed class PlanEditor(ActivePlan active, PlanActivation activation, AuditLog audit) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The plan in force, or an empty plan before the first one is loaded.</summary>
    public RoutingPlan Current => active.Current?.Plan ?? Empty;

    public PlanSnapshot? Snapshot => active.Current;

    public static RoutingPlan Empty { get; } = new(RoutingPlan.CurrentVersion, new Dictionary<string, NumberEntry>());

    /// <summary>Applies <paramref name="change"/> to the plan in force; <paramref name="what"/> goes to the audit log.</summary>
    public async Task<PlanEditResult> EditAsync(Func<RoutingPlan, RoutingPlan> change, string actor, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changed = change(Current);
            return await ApplyLockedAsync(PlanJson.Write(changed), actor, what, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Replaces the whole plan with <paramref name="json"/> (API upload, restore from history).</summary>
    public async Task<PlanEditResult> ReplaceAsync(ReadOnlyMemory<byte> json, string actor, string what, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ApplyLockedAsync(json, actor, what, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes the last-known-good plan current again; false when there is none (nothing changed).</summary>
    public async Task<PlanSnapshot?> RollBackAsync(string actor, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await activation.RollBackAsync(actor, "installer asked on the web page", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<PlanEditResult> ApplyLockedAsync(ReadOnlyMemory<byte> json, string actor, string what, CancellationToken cancellationToken)
    {
        long revision = (active.Current?.Revision ?? 0) + 1;
        var result = await activation.ApplyAsync(json, revision, "web edit by " + actor, actor, cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
        {
            return new PlanEditResult(false, null, result.Issues);
        }

        await audit.AppendAsync(actor, "plan.edited", string.Create(CultureInfo.InvariantCulture, $"{what} (revision {revision})"), cancellationToken).ConfigureAwait(false);
        return new PlanEditResult(true, revision, result.Issues);
    }
}
