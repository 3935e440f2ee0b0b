using System.Security.Cryptography;
using System.Text;
using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Tests.TestSupport;
using EdgePbx.Cloud.Tools;

namespace EdgePbx.Cloud.Tests.Tools;

public sealed class PlanToolTests : IDisposable
{
    private readonly PlanSyncHarness _box = new();

    public void Dispose() => _box.Dispose();

    private PlanSigningRequest Request(long version = 3) =>
        new(version, PlanTarget.Device("box-1"), _box.Key.KeyId, Plans.IssuedAt);

    [Fact]
    public async Task Sign_with_a_private_key_pem_makes_an_envelope_the_box_applies()
    {
        var signed = PlanTool.Sign(Plans.ValidJson(3), _box.Key.PrivatePem, Request());

        Assert.True(signed.Succeeded, string.Join("; ", signed.Errors));
        var outcome = await _box.ApplyAsync(signed.Value!);
        Assert.Equal(ApplyOutcomeKind.Applied, outcome.Kind);
        Assert.Equal(Plans.ValidJson(3), _box.Store.Current!.PlanJson.ToArray());
    }

    [Fact]
    public void Sign_refuses_a_public_key()
    {
        var signed = PlanTool.Sign(Plans.ValidJson(3), _box.Key.PublicPem, Request());

        Assert.False(signed.Succeeded);
        Assert.Null(signed.Value);
    }

    [Fact]
    public void Sign_refuses_a_key_that_is_not_p256()
    {
        using var big = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var signed = PlanTool.Sign(Plans.ValidJson(3), big.ExportPkcs8PrivateKeyPem(), Request());

        Assert.Contains("P-256", Assert.Single(signed.Errors));
    }

    [Theory]
    [InlineData("-----BEGIN NONSENSE-----")]
    [InlineData("")]
    public void Sign_refuses_text_that_is_not_a_key(string pem)
    {
        var signed = PlanTool.Sign(Plans.ValidJson(3), pem, Request());

        Assert.Contains("key", Assert.Single(signed.Errors));
    }

    [Fact]
    public void Sign_refuses_a_plan_file_that_is_not_json()
    {
        var signed = PlanTool.Sign(Encoding.UTF8.GetBytes("routes: []"), _box.Key.PrivatePem, Request());

        Assert.Equal(["plan file is not JSON"], signed.Errors);
    }

    [Fact]
    public void Sign_takes_comments_and_trailing_commas_as_the_plan_format_does()
    {
        var plan = Encoding.UTF8.GetBytes("// the demo plan\n{ \"version\": 1, /* inline */ \"numbers\": {}, }");

        var signed = PlanTool.Sign(plan, _box.Key.PrivatePem, Request());

        Assert.True(signed.Succeeded, string.Join("; ", signed.Errors));
    }

    [Theory]
    [InlineData(0, "box-1")]
    [InlineData(1, "box/1")]
    [InlineData(1, "")]
    public void Sign_refuses_a_bad_version_or_target(long version, string device)
    {
        var signed = PlanTool.Sign(Plans.ValidJson(3), _box.Key.PrivatePem, Request(version) with { Target = PlanTarget.Device(device) });

        Assert.False(signed.Succeeded);
    }

    [Fact]
    public async Task Publish_refuses_a_file_that_is_not_a_signed_envelope_before_touching_the_network()
    {
        var result = await PlanTool.PublishAsync(Plans.ValidJson(1), "mqtt://127.0.0.1:1", "box-1", null, CancellationToken.None);

        Assert.Contains("not a signed plan envelope", Assert.Single(result.Errors));
    }

    [Theory]
    [InlineData("http://127.0.0.1", "box-1", "scheme")]
    [InlineData("mqtt://127.0.0.1", "box/+", "device id")]
    public async Task Publish_refuses_bad_broker_url_or_device_id(string url, string device, string reason)
    {
        var result = await PlanTool.PublishAsync(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")), url, device, null, CancellationToken.None);

        Assert.Contains(reason, Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Publish_to_an_unreachable_broker_is_an_error_value()
    {
        var result = await PlanTool.PublishAsync(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")), "mqtt://127.0.0.1:1", "box-1", null, CancellationToken.None);

        Assert.Contains("cannot publish", Assert.Single(result.Errors));
    }
}
