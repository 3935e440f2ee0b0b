namespace EdgePbx.Sip.Auth;

/// <summary>A parsed WWW-Authenticate / Proxy-Authenticate Digest challenge (RFC 2617 3.2.1, RFC 7616 3.3).</summary>
public sealed record DigestChallenge(string Realm, string Nonce, DigestAlgorithm Algorithm, bool QopAuth, string? Opaque, bool Stale)
{
    public static DigestChallenge? TryParse(string headerValue, out string? error)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        var p = AuthParameterParser.Parse(headerValue, out var scheme, out error);
        if (p is null)
        {
            return null;
        }

        if (!scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            error = $"unsupported scheme '{scheme}'";
            return null;
        }

        if (!p.TryGetValue("realm", out var realm) || !p.TryGetValue("nonce", out var nonce))
        {
            error = "challenge without realm or nonce";
            return null;
        }

        if (!DigestCalculator.TryParseName(p.GetValueOrDefault("algorithm"), out var algorithm))
        {
            error = $"unsupported algorithm '{p.GetValueOrDefault("algorithm")}'";
            return null;
        }

        var qop = p.GetValueOrDefault("qop");
        var qopAuth = qop is not null && qop.Split(',').Any(q => q.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase));
        return new DigestChallenge(realm, nonce, algorithm, qopAuth, p.GetValueOrDefault("opaque"),
            string.Equals(p.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase));
    }
}
