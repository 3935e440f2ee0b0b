using System.Text.Json;
using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Envelope;

namespace EdgePbx.Cloud.Status;

/// <summary>Turns outcomes and store state into status reports, stamped from the injected clock.</summary>
public sealed class StatusReportBuilder(DeviceIdentity device, IDeviceHealth health, TimeProvider timeProvider)
{
    public StatusReport ForOutcome(ApplyOutcome outcome, PlanStoreState state)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(state);
        var rejected = outcome.Kind == ApplyOutcomeKind.Rejected;
        return Build(
            rejected ? StatusEvents.Rejected : StatusEvents.Applied,
            state,
            rejected ? outcome.Version : null,
            rejected ? outcome.Reasons.Select(r => new StatusReason(r.Code.ToWire(), r.Message)).ToList() : null);
    }

    public StatusReport ForRollback(PlanStoreState state) => Build(StatusEvents.RolledBack, state, null, null);

    public StatusReport ForHealth(PlanStoreState state) => Build(StatusEvents.Health, state, null, null);

    public static byte[] Serialize(StatusReport report) =>
        JsonSerializer.SerializeToUtf8Bytes(report, CloudJsonContext.Default.StatusReport);

    /// <summary>Reads a report back (for tests and tools); null when the bytes are not one.</summary>
    public static StatusReport? TryDeserialize(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, CloudJsonContext.Default.StatusReport);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private StatusReport Build(string evt, PlanStoreState state, long? rejectedVersion, IReadOnlyList<StatusReason>? reasons)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = health.Current();
        return new StatusReport(
            device.DeviceId,
            timeProvider.GetUtcNow(),
            evt,
            state.CurrentVersion,
            state.LastKnownGoodVersion,
            rejectedVersion,
            reasons,
            new StatusHealth(now.TrunkRegistered, now.ActiveCalls));
    }
}
