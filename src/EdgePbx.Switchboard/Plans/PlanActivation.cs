using System.Globalization;
using EdgePbx.Routing.Cli;
using EdgePbx.Storage.Plans;

namespace EdgePbx.Switchboard.Plans;

/// <summary>
/// The one way a plan becomes the plan in force, whoever offers it (start-up file, cloud, web edit):
/// parse and validate, record it in plan history, then swap <see cref="ActivePlan"/>. A plan that fails
/// validation, or whose history row cannot be written, changes nothing.
/// </summary>
public sealed class PlanActivation(ActivePlan active, PlanHistory history, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public ActivePlan Active => active;

    /// <summary>Validates and applies <paramref name="json"/> as revision <paramref name="revision"/>.</summary>
    public async Task<PlanApplyResult> ApplyAsync(ReadOnlyMemory<byte> json, long revision, string source, string actor, CancellationToken cancellationToken = default)
    {
        var check = PlanCheck.Run(json.Span);
        if (!check.Ok)
        {
            return new PlanApplyResult(null, check.Issues);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(json.Span);
            await history.RecordAppliedAsync(revision.ToString(CultureInfo.InvariantCulture), text, actor, cancellationToken).ConfigureAwait(false);
            var snapshot = new PlanSnapshot(check.Plan!, revision, source, Digest(json.Span), time.GetUtcNow());
            active.Swap(snapshot);
            return new PlanApplyResult(snapshot, check.Issues);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Start-up. With <paramref name="fileWins"/> (an installer named a plan file) the file's plan is
    /// applied unless it is already the current plan; otherwise the current plan from history is kept
    /// when there is one that still validates, and the file (the built-in demo) only seeds an empty box.
    /// </summary>
    public async Task<PlanApplyResult> LoadAtStartupAsync(ReadOnlyMemory<byte> fileJson, string fileSource, bool fileWins, CancellationToken cancellationToken = default)
    {
        if (history.Current() is { } stored && long.TryParse(stored.Version, NumberStyles.Integer, CultureInfo.InvariantCulture, out var revision))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(stored.PlanJson);
            var sameAsFile = bytes.AsSpan().SequenceEqual(fileJson.Span);
            var check = PlanCheck.Run(bytes);
            if (check.Ok && (!fileWins || sameAsFile))
            {
                var snapshot = new PlanSnapshot(check.Plan!, revision, sameAsFile ? fileSource : "plan history", Digest(bytes), time.GetUtcNow());
                active.Swap(snapshot);
                return new PlanApplyResult(snapshot, check.Issues);
            }
        }

        return await ApplyAsync(fileJson, 0, fileSource, "startup", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the last-known-good plan current again; null when there is none (nothing changed).</summary>
    public async Task<PlanSnapshot?> RollBackAsync(string actor, string reason, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var good = history.LastKnownGood();
            if (good is null)
            {
                return null;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(good.PlanJson);
            var check = PlanCheck.Run(bytes);
            if (!check.Ok || !long.TryParse(good.Version, NumberStyles.Integer, CultureInfo.InvariantCulture, out var revision))
            {
                return null;
            }

            if (await history.RollBackAsync(actor, reason, cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }

            var snapshot = new PlanSnapshot(check.Plan!, revision, "roll-back: " + reason, Digest(bytes), time.GetUtcNow());
            active.Swap(snapshot);
            return snapshot;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private static string Digest(ReadOnlySpan<byte> json) => PlanDigest.Sha256Hex(json);
}
