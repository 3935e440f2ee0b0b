using System.Security.Cryptography;
using System.Text;

namespace EdgePbx.Sip.Auth;

/// <summary>RFC 2617 3.2.2 / RFC 7616 3.4.1 response computation (qop=auth or no qop).</summary>
public static class DigestCalculator
{
    public static string Name(DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha256 ? "SHA-256" : "MD5";

    public static bool TryParseName(string? name, out DigestAlgorithm algorithm)
    {
        // RFC 2617 3.2.1: an absent algorithm means MD5.
        algorithm = DigestAlgorithm.Md5;
        if (name is null || name.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.Equals("SHA-256", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Sha256;
            return true;
        }

        return false;
    }

    /// <summary>HA1 = H(username ":" realm ":" password).</summary>
    public static string Ha1(DigestAlgorithm algorithm, string username, string realm, string password) =>
        Hash(algorithm, $"{username}:{realm}:{password}");

    /// <summary>
    /// response = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2) with qop, H(HA1 ":" nonce ":" HA2)
    /// without (RFC 2069 compatibility); HA2 = H(method ":" digest-uri).
    /// </summary>
    public static string Response(DigestAlgorithm algorithm, string ha1, string nonce, string? nc, string? cnonce, string? qop, string method, string digestUri)
    {
        var ha2 = Hash(algorithm, $"{method}:{digestUri}");
        return qop is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }

    public static string Hash(DigestAlgorithm algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> digest = stackalloc byte[32];
        var n = algorithm == DigestAlgorithm.Sha256
            ? SHA256.HashData(bytes, digest)
#pragma warning disable CA5351 // MD5 is what RFC 2617 digest and nearly every desk phone speak.
            : MD5.HashData(bytes, digest);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(digest[..n]);
    }
}
