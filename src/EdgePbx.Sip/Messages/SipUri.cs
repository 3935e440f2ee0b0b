using System.Globalization;
using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// A URI as found in a SIP message: sip/sips with user, host, port, parameters and headers
/// (RFC 3261 19.1), or any other scheme (tel, http, ...) kept as its opaque text.
/// </summary>
public sealed class SipUri
{
    private SipUri(string text, string scheme, string? user, string? password, string host, int? port,
        IReadOnlyList<SipParameter> parameters, string? headers, string? opaque)
    {
        Text = text;
        Scheme = scheme;
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Parameters = parameters;
        Headers = headers;
        Opaque = opaque;
    }

    /// <summary>The URI exactly as written.</summary>
    public string Text { get; }

    /// <summary>Lower-case scheme name.</summary>
    public string Scheme { get; }

    public bool IsSip => Opaque is null;

    public bool IsSecure => Scheme == "sips";

    /// <summary>User part, still %-escaped as on the wire.</summary>
    public string? User { get; }

    public string? Password { get; }

    /// <summary>Host; an IPv6 reference keeps its brackets.</summary>
    public string Host { get; }

    public int? Port { get; }

    public IReadOnlyList<SipParameter> Parameters { get; }

    public string? Headers { get; }

    /// <summary>Everything after "scheme:" for non-SIP schemes; null for sip/sips.</summary>
    public string? Opaque { get; }

    public string? GetParameter(string name) => ParameterList.Find(Parameters, name);

    /// <summary>RFC 3261 19.1.4 would compare component-wise; the registrar needs only this key form.</summary>
    public string AddressOfRecord => IsSip ? $"{Scheme}:{(User is null ? string.Empty : Unescape(User) + "@")}{Host.ToLowerInvariant()}" : Text;

    public override string ToString() => Text;

    public static bool TryParse(string text, out SipUri? uri, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        error = UriSyntax.Scan(bytes, new Segment(0, bytes.Length), UriSyntax.Context.Bracketed, out var parts);
        uri = error is null ? Create(bytes, new Segment(0, bytes.Length), parts) : null;
        return uri is not null;
    }

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri, out var error) ? uri! : throw new FormatException(error);

    internal static SipUri Create(ReadOnlySpan<byte> buf, Segment whole, in UriParts p)
    {
        var text = SipScanner.Decode(buf, whole);
        var scheme = Encoding.ASCII.GetString(buf.Slice(p.Scheme.Start, p.Scheme.Length)).ToLowerInvariant();
        if (!p.IsSip)
        {
            return new SipUri(text, scheme, null, null, string.Empty, null, [], null, SipScanner.Decode(buf, p.Opaque));
        }

        return new SipUri(
            text,
            scheme,
            p.User.IsEmpty ? null : SipScanner.Decode(buf, p.User),
            p.Password.Length == 0 ? null : SipScanner.Decode(buf, p.Password),
            SipScanner.Decode(buf, p.Host),
            p.Port < 0 ? null : p.Port,
            ParameterList.FromUri(buf, p.Parameters),
            p.Headers.IsEmpty ? null : SipScanner.Decode(buf, p.Headers),
            null);
    }

    /// <summary>Builds a sip URI; host may be an IPv6 literal without brackets.</summary>
    public static SipUri Create(string scheme, string? user, string host, int? port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var h = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        var text = string.Create(CultureInfo.InvariantCulture, $"{scheme}:{(user is null ? string.Empty : user + "@")}{h}{(port is null ? string.Empty : ":" + port.Value.ToString(CultureInfo.InvariantCulture))}");
        return Parse(text);
    }

    /// <summary>RFC 3261 19.1.2: %HH escapes in the user part are equivalent to the bytes they stand for.</summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
    }
}
