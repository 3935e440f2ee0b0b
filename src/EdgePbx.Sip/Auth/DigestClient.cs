using System.Globalization;
using System.Security.Cryptography;

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

/// <summary>Client side digest (the trunk): answers a challenge with an Authorization value.</summary>
public static class DigestClient
{
    public static string Authorization(DigestChallenge challenge, string method, string digestUri, string username, string password, int nonceCount)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var ha1 = DigestCalculator.Ha1(challenge.Algorithm, username, challenge.Realm, password);
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var cnonce = challenge.QopAuth ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) : null;
        var qop = challenge.QopAuth ? "auth" : null;
        var response = DigestCalculator.Response(challenge.Algorithm, ha1, challenge.Nonce, challenge.QopAuth ? nc : null, cnonce, qop, method, digestUri);
        var value = $"Digest username=\"{username}\", realm=\"{challenge.Realm}\", nonce=\"{challenge.Nonce}\", uri=\"{digestUri}\", response=\"{response}\", algorithm={DigestCalculator.Name(challenge.Algorithm)}";
        if (challenge.QopAuth)
        {
            value += $", qop=auth, nc={nc}, cnonce=\"{cnonce}\"";
        }

        if (challenge.Opaque is not null)
        {
            value += $", opaque=\"{challenge.Opaque}\"";
        }

        return value;
    }
}
