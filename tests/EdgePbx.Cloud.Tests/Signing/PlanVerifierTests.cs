using System.Security.Cryptography;
using System.Text;
using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Signing;
using EdgePbx.Cloud.Tests.TestSupport;

namespace EdgePbx.Cloud.Tests.Signing;

public sealed class PlanVerifierTests
{
    private static PlanVerifier VerifierTrusting(TestKey key) =>
        new(TrustedKeys.Load(new Dictionary<string, string> { [key.KeyId] = key.PublicPem }, out _));

    private static DecodedEnvelope Decode(PlanEnvelope envelope) => EnvelopeCodec.Decode(EnvelopeCodec.Encode(envelope)).Value!;

    [Fact]
    public void Signature_by_a_trusted_key_verifies()
    {
        using var key = new TestKey();

        var problem = VerifierTrusting(key).Verify(Decode(Plans.SignedEnvelope(key, 1, PlanTarget.Device("box-1"))));

        Assert.Null(problem);
    }

    [Fact]
    public void Changing_one_plan_byte_breaks_the_signature()
    {
        using var key = new TestKey();
        var envelope = Plans.SignedEnvelope(key, 1, PlanTarget.Device("box-1"));
        var plan = Convert.FromBase64String(envelope.Plan);
        plan[^2] ^= 0x01;

        var problem = VerifierTrusting(key).Verify(Decode(envelope with { Plan = Convert.ToBase64String(plan) }));

        Assert.Equal(RejectionCode.BadSignature, problem!.Code);
    }

    [Fact]
    public void Raising_the_version_in_the_header_breaks_the_signature()
    {
        using var key = new TestKey();
        var envelope = Plans.SignedEnvelope(key, 1, PlanTarget.Device("box-1"));
        var header = Encoding.UTF8.GetString(Convert.FromBase64String(envelope.Header)).Replace("\"version\":1", "\"version\":99");

        var problem = VerifierTrusting(key).Verify(Decode(envelope with { Header = Convert.ToBase64String(Encoding.UTF8.GetBytes(header)) }));

        Assert.Equal(RejectionCode.BadSignature, problem!.Code);
    }

    [Fact]
    public void Retargeting_a_signed_plan_to_another_device_breaks_the_signature()
    {
        using var key = new TestKey();
        var forOther = Plans.SignedEnvelope(key, 1, PlanTarget.Device("box-2"));
        var forMe = Plans.SignedEnvelope(key, 1, PlanTarget.Device("box-1"));

        var problem = VerifierTrusting(key).Verify(Decode(forOther with { Header = forMe.Header }));

        Assert.Equal(RejectionCode.BadSignature, problem!.Code);
    }

    [Fact]
    public void Signature_by_an_untrusted_key_claiming_a_trusted_key_id_is_bad()
    {
        using var trusted = new TestKey("cloud-1");
        using var attacker = new TestKey("cloud-1");

        var problem = VerifierTrusting(trusted).Verify(Decode(Plans.SignedEnvelope(attacker, 1, PlanTarget.Device("box-1"))));

        Assert.Equal(RejectionCode.BadSignature, problem!.Code);
    }

    [Fact]
    public void Key_id_not_in_settings_is_rejected_as_unknown_key()
    {
        using var trusted = new TestKey("cloud-1");
        using var other = new TestKey("cloud-9");

        var problem = VerifierTrusting(trusted).Verify(Decode(Plans.SignedEnvelope(other, 1, PlanTarget.Device("box-1"))));

        Assert.Equal(RejectionCode.UnknownKey, problem!.Code);
        Assert.Contains("cloud-9", problem.Message);
    }

    [Fact]
    public void Trusted_keys_reject_garbage_pem_and_non_p256_curves_by_key_id()
    {
        using var good = new TestKey("good");
        using var p384 = new TestKey("big", ECCurve.NamedCurves.nistP384);

        var keys = TrustedKeys.Load(
            new Dictionary<string, string> { ["good"] = good.PublicPem, ["big"] = p384.PublicPem, ["junk"] = "not a pem" },
            out var errors);

        Assert.Equal(["good"], keys.KeyIds);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("'big'") && e.Contains("P-256"));
        Assert.Contains(errors, e => e.Contains("'junk'"));
    }
}
