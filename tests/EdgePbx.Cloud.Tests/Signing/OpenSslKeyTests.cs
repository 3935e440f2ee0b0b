using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Signing;
using EdgePbx.Cloud.Tests.TestSupport;
using EdgePbx.Cloud.Tools;

namespace EdgePbx.Cloud.Tests.Signing;

/// <summary>
/// Keys made the way docs/cloud-sync.md tells operators to (openssl ecparam/ec), kept byte-exact in
/// TestData: a SEC1 "EC PRIVATE KEY" signs and its "PUBLIC KEY" is trusted.
/// </summary>
public sealed class OpenSslKeyTests
{
    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    [Fact]
    public async Task Plan_signed_with_an_openssl_sec1_key_is_applied_by_a_box_trusting_its_openssl_public_key()
    {
        var signed = PlanTool.Sign(Plans.ValidJson(1), Read("openssl-p256-sec1.key"), new PlanSigningRequest(1, PlanTarget.Device("box-1"), "ops", Plans.IssuedAt));
        var trusted = TrustedKeys.Load(new Dictionary<string, string> { ["ops"] = Read("openssl-p256.pub") }, out var errors);
        var store = new InMemoryPlanStore();
        using var applier = new PlanApplier(new DeviceIdentity("box-1", []), new PlanVerifier(trusted), new RuleOfThumbValidator(), store);

        var outcome = await applier.ApplyAsync(signed.Value!, "test", CancellationToken.None);

        Assert.Empty(errors);
        Assert.True(signed.Succeeded, string.Join("; ", signed.Errors));
        Assert.Equal(ApplyOutcomeKind.Applied, outcome.Kind);
        Assert.Equal(1, store.Current!.Version);
    }
}
