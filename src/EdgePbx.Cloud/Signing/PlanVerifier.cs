using System.Security.Cryptography;
using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Envelope;

namespace EdgePbx.Cloud.Signing;

/// <summary>Checks that a trusted key signed exactly these header and plan bytes.</summary>
public sealed class PlanVerifier(TrustedKeys trustedKeys)
{
    /// <summary>Null when the signature holds; otherwise why not.</summary>
    public RejectionReason? Verify(DecodedEnvelope decoded)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        using var key = trustedKeys.CreateVerifier(decoded.Header.KeyId);
        if (key is null)
        {
            return new RejectionReason(RejectionCode.UnknownKey, $"key '{decoded.Header.KeyId}' is not trusted");
        }

        var valid = key.VerifyData(decoded.Envelope.SigningInput(), decoded.Signature.Span, HashAlgorithmName.SHA256);
        return valid
            ? null
            : new RejectionReason(RejectionCode.BadSignature, $"signature does not match key '{decoded.Header.KeyId}'");
    }
}
