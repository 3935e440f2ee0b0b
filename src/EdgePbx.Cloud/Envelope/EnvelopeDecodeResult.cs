using EdgePbx.Cloud.Apply;

namespace EdgePbx.Cloud.Envelope;

/// <summary>Either a decoded envelope or the reason it could not be read.</summary>
public sealed record EnvelopeDecodeResult(DecodedEnvelope? Value, RejectionReason? Error)
{
    public static EnvelopeDecodeResult Ok(DecodedEnvelope value) => new(value, null);

    public static EnvelopeDecodeResult Fail(RejectionCode code, string message) => new(null, new RejectionReason(code, message));
}
