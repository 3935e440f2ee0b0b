using System.Net;
using System.Security.Cryptography;
using System.Text;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Auth;

/// <summary>
/// Server side digest authentication (RFC 3261 22.2/22.3, RFC 2617, RFC 7616, RFC 8760): challenges,
/// verifies, detects stale and replayed nonces, and blocks addresses that keep failing.
/// </summary>
public sealed class DigestAuthenticator
{
    private readonly DigestAuthenticatorOptions _options;
    private readonly ICredentialStore _credentials;
    private readonly NonceManager _nonces;
    private readonly FailedAuthTracker _failures;

    public DigestAuthenticator(DigestAuthenticatorOptions options, ICredentialStore credentials, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _credentials = credentials;
        _nonces = new NonceManager(time, options.NonceLifetime);
        _failures = new FailedAuthTracker(time, options);
    }

    public string Realm => _options.Realm;

    public bool IsBlocked(IPAddress source) => _failures.IsBlocked(source);

    /// <summary>
    /// Checks the request's Authorization (registrar/UAS) or Proxy-Authorization header.
    /// </summary>
    public AuthOutcome Verify(SipMessage request, IPAddress source, HeaderKind header = HeaderKind.Authorization)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        if (_failures.IsBlocked(source))
        {
            return new AuthOutcome(AuthOutcomeKind.Rejected, null, [], "too many failed authentications");
        }

        DigestCredentials? credentials = null;
        foreach (var value in request.GetHeaderValues(header))
        {
            var c = DigestCredentials.TryParse(value, out _);
            if (c is not null && c.Realm == _options.Realm)
            {
                credentials = c;
                break;
            }
        }

        if (credentials is null)
        {
            return Challenge(stale: false, "credentials required");
        }

        var nonce = _nonces.Check(credentials.Nonce, credentials.Qop is null ? null : credentials.NonceCount);
        if (nonce == NonceStatus.Stale)
        {
            return Challenge(stale: true, "nonce expired");
        }

        var password = _credentials.FindPassword(credentials.Username, credentials.Realm);
        if (nonce == NonceStatus.Invalid || password is null || !_options.Algorithms.Contains(credentials.Algorithm))
        {
            return Fail(source, nonce == NonceStatus.Invalid ? "unknown or replayed nonce" : "unknown user or algorithm");
        }

        var ha1 = DigestCalculator.Ha1(credentials.Algorithm, credentials.Username, credentials.Realm, password);
        var expected = DigestCalculator.Response(credentials.Algorithm, ha1, credentials.Nonce, credentials.NonceCount, credentials.CNonce, credentials.Qop, request.Method, credentials.Uri);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(credentials.Response.ToLowerInvariant())))
        {
            return Fail(source, "wrong credentials");
        }

        _failures.RecordSuccess(source);
        return new AuthOutcome(AuthOutcomeKind.Authenticated, credentials.Username, [], "ok");
    }

    /// <summary>WWW-Authenticate / Proxy-Authenticate values, one per algorithm in preference order.</summary>
    public IReadOnlyList<string> Challenges(bool stale)
    {
        var nonce = _nonces.Issue();
        return _options.Algorithms
            .Select(a => $"Digest realm=\"{_options.Realm}\", nonce=\"{nonce}\", algorithm={DigestCalculator.Name(a)}, qop=\"auth\"{(stale ? ", stale=true" : string.Empty)}")
            .ToList();
    }

    private AuthOutcome Challenge(bool stale, string reason) => new(AuthOutcomeKind.Challenge, null, Challenges(stale), reason);

    private AuthOutcome Fail(IPAddress source, string reason)
    {
        _failures.RecordFailure(source);
        // A fresh challenge lets a phone with a typo'd password retry; the tracker stops guessing.
        return new AuthOutcome(AuthOutcomeKind.Rejected, null, Challenges(stale: false), reason);
    }
}
