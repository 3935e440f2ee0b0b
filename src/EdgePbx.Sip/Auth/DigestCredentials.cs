namespace EdgePbx.Sip.Auth;

/// <summary>The parameters of an Authorization / Proxy-Authorization "Digest" header (RFC 2617 3.2.2).</summary>
public sealed record DigestCredentials(
    string Username,
    string Realm,
    string Nonce,
    string Uri,
    string Response,
    DigestAlgorithm Algorithm,
    string? CNonce,
    string? Qop,
    string? NonceCount,
    string? Opaque)
{
    /// <summary>Parses a header value; errors are values (a bad header from the network is expected).</summary>
    public static DigestCredentials? TryParse(string headerValue, out string? error)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        var parameters = AuthParameterParser.Parse(headerValue, out var scheme, out error);
        if (parameters is null)
        {
            return null;
        }

        if (!scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            error = $"unsupported authentication scheme '{scheme}'";
            return null;
        }

        string? Get(string n) => parameters.TryGetValue(n, out var v) ? v : null;
        var username = Get("username");
        var realm = Get("realm");
        var nonce = Get("nonce");
        var uri = Get("uri");
        var response = Get("response");
        if (username is null || realm is null || nonce is null || uri is null || response is null)
        {
            error = "Digest credentials need username, realm, nonce, uri and response";
            return null;
        }

        if (!DigestCalculator.TryParseName(Get("algorithm"), out var algorithm))
        {
            error = $"unsupported digest algorithm '{Get("algorithm")}'";
            return null;
        }

        var qop = Get("qop");
        if (qop is not null && (!qop.Equals("auth", StringComparison.OrdinalIgnoreCase) || Get("cnonce") is null || Get("nc") is null))
        {
            error = "qop=auth needs cnonce and nc (auth-int is not supported)";
            return null;
        }

        return new DigestCredentials(username, realm, nonce, uri, response, algorithm, Get("cnonce"), qop, Get("nc"), Get("opaque"));
    }
}
