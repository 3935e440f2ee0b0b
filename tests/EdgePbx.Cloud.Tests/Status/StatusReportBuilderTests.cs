using System.Text;
using System.Text.Json;
using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Status;
using EdgePbx.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Cloud.Tests.Status;

public sealed class StatusReportBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);

    private readonly StatusReportBuilder _builder = new(
        new DeviceIdentity("box-1", []), new FixedDeviceHealth(false, 12), new FakeTimeProvider(Now));

    [Fact]
    public void Rejection_report_carries_version_wire_codes_messages_health_and_clock_time()
    {
        var outcome = ApplyOutcome.Rejected(9, [
            new RejectionReason(RejectionCode.InvalidPlan, "$.routes[0].to: required"),
            new RejectionReason(RejectionCode.InvalidPlan, "$.routes[2].to: required")]);

        var report = _builder.ForOutcome(outcome, new PlanStoreState(8, 7, 8));

        Assert.Equal(
            new StatusReport("box-1", Now, "rejected", 8, 7, 9, report.Reasons, new StatusHealth(false, 12)),
            report);
        Assert.Equal(
            [new StatusReason("invalid-plan", "$.routes[0].to: required"), new StatusReason("invalid-plan", "$.routes[2].to: required")],
            report.Reasons!);
    }

    [Fact]
    public void Applied_report_has_no_rejected_version_or_reasons()
    {
        var report = _builder.ForOutcome(ApplyOutcome.Applied(9), new PlanStoreState(9, 8, 9));

        Assert.Equal("applied", report.Event);
        Assert.Null(report.RejectedVersion);
        Assert.Null(report.Reasons);
    }

    [Fact]
    public void Report_json_has_only_the_documented_members_and_reads_back()
    {
        var report = _builder.ForOutcome(
            ApplyOutcome.Rejected(null, new RejectionReason(RejectionCode.NotJson, "not JSON")), PlanStoreState.Empty);

        var bytes = StatusReportBuilder.Serialize(report);
        using var doc = JsonDocument.Parse(bytes);

        Assert.Equal(
            ["deviceId", "at", "event", "currentVersion", "lastKnownGoodVersion", "rejectedVersion", "reasons", "health"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["trunkRegistered", "activeCalls"], doc.RootElement.GetProperty("health").EnumerateObject().Select(p => p.Name));
        Assert.Equal(report with { Reasons = null }, StatusReportBuilder.TryDeserialize(bytes)! with { Reasons = null });
        Assert.Equal(report.Reasons, StatusReportBuilder.TryDeserialize(bytes)!.Reasons);
    }

    [Fact]
    public void Garbage_on_the_status_topic_reads_as_null()
    {
        Assert.Null(StatusReportBuilder.TryDeserialize(Encoding.UTF8.GetBytes("{\"event\":")));
    }
}
