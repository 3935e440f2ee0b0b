using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// Validates a URI in place (RFC 3261 19.1.1 and 25.1; RFC 3966 tel; RFC 3986 absoluteURI for
/// other schemes) without allocating, and tells where its parts are.
/// </summary>
internal static class UriSyntax
{
    /// <summary>Where the URI sits decides what it may contain (RFC 3261 19.1.1 table 1, 20.10).</summary>
    public enum Context
    {
        /// <summary>Inside &lt;&gt;: parameters and headers allowed.</summary>
        Bracketed,

        /// <summary>Request-URI: headers not allowed.</summary>
        RequestLine,

        /// <summary>addr-spec outside &lt;&gt;: ';' belongs to the header, '?' and ',' not allowed.</summary>
        AddrSpec,
    }

    public static string? Scan(ReadOnlySpan<byte> buf, Segment seg, Context context, out UriParts parts)
    {
        parts = default;
        var end = seg.End;
        var i = seg.Start;
        if (seg.Length == 0)
        {
            return "empty URI";
        }

        if (!SipChars.IsAlpha(buf[i]))
        {
            return "URI must start with a scheme";
        }

        while (i < end && SipChars.IsSchemeChar(buf[i]))
        {
            i++;
        }

        if (i >= end || buf[i] != ':')
        {
            return "URI scheme must be followed by ':'";
        }

        var scheme = new Segment(seg.Start, i - seg.Start);
        var schemeSpan = buf.Slice(scheme.Start, scheme.Length);
        i++;
        var isSip = Ascii.EqualsIgnoreCase(schemeSpan, "sip"u8) || Ascii.EqualsIgnoreCase(schemeSpan, "sips"u8);
        if (!isSip)
        {
            return ScanOpaque(buf, scheme, i, end, context, out parts);
        }

        // RFC 3261 25.1: userinfo ends at the only '@' a valid SIP URI may hold unescaped.
        var rest = buf[i..end];
        var at = rest.IndexOf((byte)'@');
        Segment user = default, password = default;
        if (at >= 0)
        {
            var userEnd = i + at;
            var colon = buf[i..userEnd].IndexOf((byte)':');
            var userStop = colon >= 0 ? i + colon : userEnd;
            user = new Segment(i, userStop - i);
            if (colon >= 0)
            {
                password = new Segment(userStop + 1, userEnd - userStop - 1);
            }

            if (user.Length == 0 && colon < 0)
            {
                return "empty user part in URI";
            }

            var err = CheckChars(buf, i, userEnd, "user part");
            if (err is not null)
            {
                return err;
            }

            i = userEnd + 1;
        }

        var hostStart = i;
        if (i < end && buf[i] == '[')
        {
            var close = buf[i..end].IndexOf((byte)']');
            if (close < 0 || !IsIpv6(buf.Slice(i + 1, close - 1)))
            {
                return "bad IPv6 reference in URI";
            }

            i += close + 1;
        }
        else
        {
            while (i < end && SipChars.IsHostChar(buf[i]))
            {
                i++;
            }
        }

        var host = new Segment(hostStart, i - hostStart);
        if (host.Length == 0)
        {
            return "missing host in URI";
        }

        var port = -1;
        if (i < end && buf[i] == ':')
        {
            i++;
            var p = 0;
            var digits = 0;
            while (i < end && SipChars.IsDigit(buf[i]) && digits < 6)
            {
                p = p * 10 + (buf[i] - '0');
                digits++;
                i++;
            }

            if (digits == 0 || p > 65535)
            {
                return "bad port in URI";
            }

            port = p;
        }

        var paramStart = i;
        while (i < end && buf[i] == ';')
        {
            if (context == Context.AddrSpec)
            {
                return "URI with parameters must be enclosed in <>";
            }

            i++;
            var nameStart = i;
            while (i < end && (SipChars.IsParamChar(buf[i]) || buf[i] == '='))
            {
                i++;
            }

            if (i == nameStart || buf[nameStart] == '=')
            {
                return "empty URI parameter";
            }
        }

        var parameters = new Segment(paramStart, i - paramStart);
        var headers = default(Segment);
        if (i < end && buf[i] == '?')
        {
            if (context == Context.RequestLine)
            {
                return "Request-URI must not contain headers";
            }

            if (context == Context.AddrSpec)
            {
                return "URI with headers must be enclosed in <>";
            }

            var hs = ++i;
            while (i < end && (SipChars.IsHeaderChar(buf[i]) || buf[i] is (byte)'=' or (byte)'&'))
            {
                i++;
            }

            headers = new Segment(hs, i - hs);
        }

        if (i != end)
        {
            return $"invalid character '{(char)buf[i]}' in URI";
        }

        var escapes = CheckEscapes(buf, seg);
        if (escapes is not null)
        {
            return escapes;
        }

        parts = new UriParts(scheme, user, password, host, port, parameters, headers, default, true);
        return null;
    }

    private static string? ScanOpaque(ReadOnlySpan<byte> buf, Segment scheme, int i, int end, Context context, out UriParts parts)
    {
        parts = default;
        var start = i;
        for (; i < end; i++)
        {
            var b = buf[i];
            if (b <= 0x20 || b >= 0x7F || b is (byte)'<' or (byte)'>' or (byte)'"')
            {
                return $"invalid character in {Encoding.ASCII.GetString(buf.Slice(scheme.Start, scheme.Length))} URI";
            }

            if (context == Context.AddrSpec && b is (byte)'?' or (byte)',')
            {
                return "URI with '?' or ',' must be enclosed in <>";
            }
        }

        if (i == start)
        {
            return "empty URI after scheme";
        }

        parts = new UriParts(scheme, default, default, default, -1, default, default, new Segment(start, end - start), false);
        return null;
    }

    private static string? CheckChars(ReadOnlySpan<byte> buf, int from, int to, string what)
    {
        for (var i = from; i < to; i++)
        {
            if (!SipChars.Is(buf[i], SipChars.UserChar) && buf[i] != ':')
            {
                return $"invalid character '{(char)buf[i]}' in URI {what}";
            }
        }

        return null;
    }

    private static string? CheckEscapes(ReadOnlySpan<byte> buf, Segment seg)
    {
        var span = buf.Slice(seg.Start, seg.Length);
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '%' && (i + 2 >= span.Length || !SipChars.IsHex(span[i + 1]) || !SipChars.IsHex(span[i + 2])))
            {
                return "bad %-escape in URI";
            }
        }

        return null;
    }

    /// <summary>RFC 3261 25.1 / RFC 5118 4.1: IPv6address (hex groups, '::', optional IPv4 tail).</summary>
    public static bool IsIpv6(ReadOnlySpan<byte> text)
    {
        if (text.Length < 2 || text.Length > 45)
        {
            return false;
        }

        Span<char> chars = stackalloc char[45];
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (!(SipChars.IsHex(b) || b is (byte)':' or (byte)'.'))
            {
                return false;
            }

            chars[i] = (char)b;
        }

        return System.Net.IPAddress.TryParse(chars[..text.Length], out var ip)
               && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }
}
