using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Signing;
using EdgePbx.Cloud.Status;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>One box's plan sync wired with fakes: trusted key, in-memory store, test validator.</summary>
internal sealed class PlanSyncHarness : IDisposable
{
    public PlanSyncHarness(string deviceId = "box-1", params string[] groups)
        : this(TimeProvider.System, deviceId, groups)
    {
    }

    public PlanSyncHarness(TimeProvider time, string deviceId, string[] groups)
    {
        Key = new TestKey("cloud-1");
        Device = new DeviceIdentity(deviceId, groups);
        var trusted = TrustedKeys.Load(new Dictionary<string, string> { [Key.KeyId] = Key.PublicPem }, out var errors);
        Assert.Empty(errors);
        Applier = new PlanApplier(Device, new PlanVerifier(trusted), new RuleOfThumbValidator(), Store);
        Status = new StatusReportBuilder(Device, new FixedDeviceHealth(true, 3), time);
    }

    public TestKey Key { get; }

    public DeviceIdentity Device { get; }

    public InMemoryPlanStore Store { get; } = new();

    public PlanApplier Applier { get; }

    public StatusReportBuilder Status { get; }

    public Task<ApplyOutcome> ApplyAsync(byte[] envelope) => Applier.ApplyAsync(envelope, "test", CancellationToken.None);

    public void Dispose()
    {
        Applier.Dispose();
        Key.Dispose();
    }
}
