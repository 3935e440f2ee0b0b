namespace EdgePbx.Cloud.Envelope;

/// <summary>
/// The wire form of a signed plan. All three members are base64 of exact bytes; the signature is
/// ECDSA P-256 with SHA-256 in IEEE P1363 form (r || s, 64 bytes) over the ASCII text
/// <c>Header + "." + Plan</c> exactly as they appear here (see docs/cloud-sync.md).
/// </summary>
public sealed record PlanEnvelope(string Header, string Plan, string Signature)
{
    /// <summary>The bytes the signature covers.</summary>
    public byte[] SigningInput()
    {
        var text = Header + "." + Plan;
        return System.Text.Encoding.ASCII.GetBytes(text);
    }
}
