using System.Text;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Signing;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>Makes plan JSON and signed envelopes for tests.</summary>
internal static class Plans
{
    public static readonly DateTimeOffset IssuedAt = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    public static byte[] ValidJson(long version) =>
        Encoding.UTF8.GetBytes($$"""{"name":"plan {{version}}","routes":[{"did":"4001234567","to":"hunt:sales"}]}""");

    public static byte[] InvalidJson() => Encoding.UTF8.GetBytes("""{"routes":[{"did":"4001234567"}]}""");

    public static byte[] Signed(TestKey key, long version, PlanTarget target, byte[]? planJson = null) =>
        EnvelopeCodec.Encode(SignedEnvelope(key, version, target, planJson));

    public static PlanEnvelope SignedEnvelope(TestKey key, long version, PlanTarget target, byte[]? planJson = null) =>
        PlanSigner.Sign(
            planJson ?? ValidJson(version),
            new PlanHeader(PlanHeader.CurrentFormat, version, IssuedAt, target, key.KeyId),
            key.Key);
}
