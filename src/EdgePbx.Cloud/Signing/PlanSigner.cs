using System.Security.Cryptography;
using EdgePbx.Cloud.Envelope;

namespace EdgePbx.Cloud.Signing;

/// <summary>Makes envelopes (used by <c>edgepbx plan sign</c> and by tests).</summary>
public static class PlanSigner
{
    public static PlanEnvelope Sign(ReadOnlySpan<byte> planJson, PlanHeader header, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(privateKey);
        var unsigned = new PlanEnvelope(
            Convert.ToBase64String(EnvelopeCodec.EncodeHeader(header)),
            Convert.ToBase64String(planJson),
            "");

        // .NET signs in IEEE P1363 form (r || s) by default; the format doc names it so other signers match.
        var signature = privateKey.SignData(unsigned.SigningInput(), HashAlgorithmName.SHA256);
        return unsigned with { Signature = Convert.ToBase64String(signature) };
    }
}
