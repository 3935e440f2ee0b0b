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

        // Dispatch on length and first letter so a name is compared with at most a few candidates,
        // case-insensitively on the bytes, without making a string.
        if (name.IsEmpty)
        {
            return HeaderKind.Other;
        }

        var first = name[0] | 0x20;
        return name.Length switch
        {
            2 => Is(name, "To"u8, HeaderKind.To),
            3 => Is(name, "Via"u8, HeaderKind.Via),
            4 => first switch
            {
                'c' => Is(name, "CSeq"u8, HeaderKind.CSeq),
                'f' => Is(name, "From"u8, HeaderKind.From),
                'd' => Is(name, "Date"u8, HeaderKind.Date),
                _ => HeaderKind.Other,
            },
            5 => first switch
            {
                'r' => Is(name, "Route"u8, HeaderKind.Route),
                'a' => Is(name, "Allow"u8, HeaderKind.Allow),
                'e' => Is(name, "Event"u8, HeaderKind.Event),
                _ => HeaderKind.Other,
            },
            6 => Is(name, "Accept"u8, HeaderKind.Accept),
            7 => first switch
            {
                'c' => Is(name, "Call-ID"u8, HeaderKind.CallId) is var k && k != HeaderKind.Other ? k : Is(name, "Contact"u8, HeaderKind.Contact),
                'e' => Is(name, "Expires"u8, HeaderKind.Expires),
                'r' => Is(name, "Require"u8, HeaderKind.Require),
                's' => Is(name, "Subject"u8, HeaderKind.Subject),
                _ => HeaderKind.Other,
            },
            8 => Is(name, "Refer-To"u8, HeaderKind.ReferTo),
            9 => Is(name, "Supported"u8, HeaderKind.Supported),
            10 => Is(name, "User-Agent"u8, HeaderKind.UserAgent),
            11 => Is(name, "Min-Expires"u8, HeaderKind.MinExpires),
            12 => first switch
            {
                'm' => Is(name, "Max-Forwards"u8, HeaderKind.MaxForwards),
                'c' => Is(name, "Content-Type"u8, HeaderKind.ContentType),
                'r' => Is(name, "Record-Route"u8, HeaderKind.RecordRoute),
                _ => HeaderKind.Other,
            },
            13 => first switch
            {
                'a' => Is(name, "Authorization"u8, HeaderKind.Authorization),
                'p' => Is(name, "Proxy-Require"u8, HeaderKind.ProxyRequire),
                _ => HeaderKind.Other,
            },
            14 => Is(name, "Content-Length"u8, HeaderKind.ContentLength),
            16 => first switch
            {
                'w' => Is(name, "WWW-Authenticate"u8, HeaderKind.WwwAuthenticate),
                'c' => Is(name, "Content-Encoding"u8, HeaderKind.ContentEncoding),
                _ => HeaderKind.Other,
            },
            18 => Is(name, "Proxy-Authenticate"u8, HeaderKind.ProxyAuthenticate),
            19 => Is(name, "Proxy-Authorization"u8, HeaderKind.ProxyAuthorization),
            _ => HeaderKind.Other,
        };
    }

    // The canonical spelling, which nearly every sender uses, first: a byte compare of a constant
    // length is a few instructions, the case-insensitive one a loop.
    private static HeaderKind Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> known, HeaderKind kind) =>
        name.SequenceEqual(known) || Ascii.EqualsIgnoreCase(name, known) ? kind : HeaderKind.Other;

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
