namespace EdgePbx.Sip.Auth;

public sealed record DigestAuthenticatorOptions
{
    public string Realm { get; init; } = "edgepbx";

    /// <summary>
    /// The algorithms challenged with, one WWW-Authenticate/Proxy-Authenticate header each, most preferred
    /// first (RFC 8760 2.3), and the only ones accepted in credentials. MD5 alone by default: RFC 8760 2.4
    /// says a UAC MUST ignore a challenge whose algorithm it does not support, but older agents predate it:
    /// libre 1.1 (baresip 1.0, Debian 12) fails the whole 401 with ENOSYS as soon as any header names
    /// another algorithm, first or last. SHA-256 is opt-in (settings: sip.digestAlgorithms) for boxes whose
    /// phones all speak it.
    /// </summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; init; } = [DigestAlgorithm.Md5];

    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed authentications from one address before it is blocked.</summary>
    public int MaxFailures { get; init; } = 10;

    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan BlockDuration { get; init; } = TimeSpan.FromMinutes(15);
}
