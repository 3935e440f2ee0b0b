namespace EdgePbx.Sip.Auth;

public sealed record DigestAuthenticatorOptions
{
    public string Realm { get; init; } = "edgepbx";

    /// <summary>
    /// Challenge order, most preferred first. MD5 leads by default because most desk phones read only
    /// the first WWW-Authenticate header and speak only MD5; SHA-256 (RFC 8760) is offered too.
    /// </summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; init; } = [DigestAlgorithm.Md5, DigestAlgorithm.Sha256];

    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed authentications from one address before it is blocked.</summary>
    public int MaxFailures { get; init; } = 10;

    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan BlockDuration { get; init; } = TimeSpan.FromMinutes(15);
}
