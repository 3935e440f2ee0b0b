namespace EdgePbx.Sip.Auth;

/// <summary>RFC 7616 / RFC 8760 digest hash algorithms.</summary>
public enum DigestAlgorithm
{
    Md5 = 0,
    Sha256,
}
