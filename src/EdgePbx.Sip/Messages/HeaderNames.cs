using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>Maps header names (case-insensitive bytes, compact forms too) to <see cref="HeaderKind"/>.</summary>
public static class HeaderNames
{
    public static HeaderKind Classify(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            // RFC 3261 7.3.3 compact forms (plus RFC 3265 o, RFC 3515 r).
            return (name[0] | 0x20) switch
            {
                'v' => HeaderKind.Via,
                'i' => HeaderKind.CallId,
                'f' => HeaderKind.From,
                't' => HeaderKind.To,
                'l' => HeaderKind.ContentLength,
                'c' => HeaderKind.ContentType,
                'm' => HeaderKind.Contact,
                'k' => HeaderKind.Supported,
                's' => HeaderKind.Subject,
                'e' => HeaderKind.ContentEncoding,
                'o' => HeaderKind.Event,
                'r' => HeaderKind.ReferTo,
                _ => HeaderKind.Other,
            };
        }

        var first = name.IsEmpty ? 0 : name[0] | 0x20;
        foreach (var (text, kind) in Known)
        {
            if (text.Length == name.Length && (text[0] | 0x20) == first && Ascii.EqualsIgnoreCase(name, text))
            {
                return kind;
            }
        }

        return HeaderKind.Other;
    }

    public static HeaderKind Classify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> bytes = stackalloc byte[Math.Min(name.Length, 64)];
        return name.Length > 64 || !Ascii.IsValid(name) ? HeaderKind.Other : Classify(bytes[..Encoding.ASCII.GetBytes(name, bytes)]);
    }

    /// <summary>The canonical long name written on the wire.</summary>
    public static string Canonical(HeaderKind kind)
    {
        foreach (var (text, k) in Known)
        {
            if (k == kind)
            {
                return Encoding.ASCII.GetString(text);
            }
        }

        return string.Empty;
    }

    private static ReadOnlySpan<(byte[] Text, HeaderKind Kind)> Known => KnownTable;

    private static readonly (byte[] Text, HeaderKind Kind)[] KnownTable =
    [
        ("Via"u8.ToArray(), HeaderKind.Via),
        ("Call-ID"u8.ToArray(), HeaderKind.CallId),
        ("CSeq"u8.ToArray(), HeaderKind.CSeq),
        ("From"u8.ToArray(), HeaderKind.From),
        ("To"u8.ToArray(), HeaderKind.To),
        ("Max-Forwards"u8.ToArray(), HeaderKind.MaxForwards),
        ("Content-Length"u8.ToArray(), HeaderKind.ContentLength),
        ("Content-Type"u8.ToArray(), HeaderKind.ContentType),
        ("Contact"u8.ToArray(), HeaderKind.Contact),
        ("Route"u8.ToArray(), HeaderKind.Route),
        ("Record-Route"u8.ToArray(), HeaderKind.RecordRoute),
        ("Expires"u8.ToArray(), HeaderKind.Expires),
        ("Min-Expires"u8.ToArray(), HeaderKind.MinExpires),
        ("Authorization"u8.ToArray(), HeaderKind.Authorization),
        ("Proxy-Authorization"u8.ToArray(), HeaderKind.ProxyAuthorization),
        ("WWW-Authenticate"u8.ToArray(), HeaderKind.WwwAuthenticate),
        ("Proxy-Authenticate"u8.ToArray(), HeaderKind.ProxyAuthenticate),
        ("Date"u8.ToArray(), HeaderKind.Date),
        ("User-Agent"u8.ToArray(), HeaderKind.UserAgent),
        ("Allow"u8.ToArray(), HeaderKind.Allow),
        ("Supported"u8.ToArray(), HeaderKind.Supported),
        ("Require"u8.ToArray(), HeaderKind.Require),
        ("Proxy-Require"u8.ToArray(), HeaderKind.ProxyRequire),
        ("Subject"u8.ToArray(), HeaderKind.Subject),
        ("Content-Encoding"u8.ToArray(), HeaderKind.ContentEncoding),
        ("Event"u8.ToArray(), HeaderKind.Event),
        ("Refer-To"u8.ToArray(), HeaderKind.ReferTo),
        ("Accept"u8.ToArray(), HeaderKind.Accept),
    ];
}
