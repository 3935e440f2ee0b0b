using System.Buffers;
using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// The fast path of entry validation: recognises, in one forward pass without whitespace, escapes or
/// quoting rules, the shapes nearly every message has (<c>sip:user@host[:port][;params]</c>,
/// <c>SIP/2.0/UDP host:port;branch=...;rport</c>, <c>"Name" &lt;sip:...&gt;;tag=...</c>). It accepts only
/// values the full grammar (<see cref="UriSyntax"/>, <see cref="HeaderSyntax"/>) accepts, with the same
/// parts, and returns false for anything else, so the caller runs the full grammar, which then decides
/// and words any error. Equivalence is tested value by value (CommonShapeSyntaxTests).
/// </summary>
internal static class CommonShapeSyntax
{
    private const string Alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // RFC 3261 25.1 user chars without '%' (escapes), ':' (password), '@' and the reserved marks.
    private static readonly ByteSet UserChars = new(Alnum + "-_.!~*'+");

    // hostname / IPv4address characters (an IPv6 reference takes the full grammar).
    private static readonly ByteSet HostChars = new(Alnum + "-.");

    // uri-parameter: paramchar ("[]/:&+$" and unreserved) and '=', without '%' (escapes).
    private static readonly ByteSet UriParamChars = new(Alnum + "-_.!~*'()[]/:&+$=");

    private static readonly ByteSet TokenChars = new(Alnum + "-.!%*_+`'~");

    // gen-value as the full grammar reads it unquoted: token characters and ':'.
    private static readonly ByteSet TokenOrColonChars = new(Alnum + "-.!%*_+`'~:");

    // qdtext without escapes, folds, tabs or UTF-8.
    private static readonly ByteSet PlainQuotedChars = new(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>A sip:/sips: URI of plain characters; same parts as <see cref="UriSyntax.Scan"/>.</summary>
    public static bool TryUri(ReadOnlySpan<byte> buf, Segment seg, bool parametersAllowed, out UriParts parts)
    {
        parts = default;
        var end = seg.End;
        var i = seg.Start;
        var uri = buf[i..end];
        int schemeLength;
        if (uri.StartsWith("sip:"u8))
        {
            schemeLength = 3;
        }
        else if (uri.StartsWith("sips:"u8))
        {
            schemeLength = 4;
        }
        else
        {
            return false;
        }

        i += schemeLength + 1;
        Segment user = default;
        var run = Run(buf, i, end, UserChars);
        if (run < end && buf[run] == '@')
        {
            if (run == i)
            {
                return false;
            }

            // None of the user characters is '@', so this is the first '@', where the full grammar splits too.
            user = new Segment(i, run - i);
            i = run + 1;
        }

        var hostEnd = Run(buf, i, end, HostChars);
        if (hostEnd == i)
        {
            return false;
        }

        var host = new Segment(i, hostEnd - i);
        i = hostEnd;
        if (!TryPort(buf, ref i, end, out var port))
        {
            return false;
        }

        var paramStart = i;
        while (i < end && buf[i] == ';')
        {
            if (!parametersAllowed)
            {
                return false;
            }

            i++;
            var paramEnd = Run(buf, i, end, UriParamChars);
            if (paramEnd == i || buf[i] == '=')
            {
                return false;
            }

            i = paramEnd;
        }

        if (i != end)
        {
            return false;
        }

        parts = new UriParts(new Segment(seg.Start, schemeLength), user, default, host, port, new Segment(paramStart, i - paramStart), default, default, true);
        return true;
    }

    /// <summary>A Via header value holding one via-parm <c>SIP/2.0/transport SP host[:port]*(;param)</c>.</summary>
    public static bool TryVia(ReadOnlySpan<byte> buf, Segment value, out ViaParts parts)
    {
        parts = default;
        var end = value.End;
        var i = value.Start;
        if (!buf[i..end].StartsWith("SIP/2.0/"u8))
        {
            return false;
        }

        var transportEnd = Run(buf, i + 8, end, TokenChars);
        if (transportEnd == i + 8 || transportEnd >= end || buf[transportEnd] != ' ')
        {
            return false;
        }

        var transport = new Segment(i + 8, transportEnd - i - 8);
        var hostStart = transportEnd + 1;
        while (hostStart < end && buf[hostStart] == ' ')
        {
            hostStart++;
        }

        var hostEnd = Run(buf, hostStart, end, HostChars);
        if (hostEnd == hostStart)
        {
            return false;
        }

        var pos = hostEnd;
        if (!TryPort(buf, ref pos, end, out var port)
            || !TryParams(buf, ref pos, end, out var all, out _, out var branch, out var received, out var rport, out var hasRPort)
            || pos != end)
        {
            return false;
        }

        parts = new ViaParts(new Segment(i, 3), new Segment(i + 4, 3), transport, new Segment(hostStart, hostEnd - hostStart), port, all, branch, received, hasRPort, rport);
        return true;
    }

    /// <summary>A header value holding one <c>[display] &lt;sip-uri&gt; *(;param)</c> name-addr.</summary>
    public static bool TryNameAddr(ReadOnlySpan<byte> buf, Segment value, out NameAddrParts parts)
    {
        parts = default;
        var end = value.End;
        var i = value.Start;
        Segment display = default;
        if (i < end && buf[i] == '"')
        {
            var close = Run(buf, i + 1, end, PlainQuotedChars);
            if (close >= end || buf[close] != '"')
            {
                return false;
            }

            display = new Segment(i, close + 1 - i);
            i = SkipSpaces(buf, close + 1, end);
        }
        else
        {
            // display-name = *(token LWS), the segment ending with the last token.
            while (true)
            {
                var tokenEnd = Run(buf, i, end, TokenChars);
                if (tokenEnd == i)
                {
                    break;
                }

                display = new Segment(value.Start, tokenEnd - value.Start);
                i = SkipSpaces(buf, tokenEnd, end);
            }
        }

        if (i >= end || buf[i] != '<')
        {
            return false;
        }

        var close2 = buf[(i + 1)..end].IndexOf((byte)'>');
        if (close2 < 0)
        {
            return false;
        }

        var uri = new Segment(i + 1, close2);
        if (!TryUri(buf, uri, parametersAllowed: true, out _))
        {
            return false;
        }

        var pos = uri.End + 1;
        if (!TryParams(buf, ref pos, end, out var all, out var tag, out _, out _, out _, out _) || pos != end)
        {
            return false;
        }

        parts = new NameAddrParts(display, uri, true, all, tag);
        return true;
    }

    /// <summary>
    /// A Contact value holding one common name-addr. RFC 3261 20.10: a value starting with '*' is
    /// the wildcard, which may stand only alone; the full grammar decides it.
    /// </summary>
    public static bool TryContact(ReadOnlySpan<byte> buf, Segment value) =>
        !value.IsEmpty && buf[value.Start] != '*' && TryNameAddr(buf, value, out _);

    private static bool TryPort(ReadOnlySpan<byte> buf, ref int i, int end, out int port)
    {
        port = -1;
        if (i >= end || buf[i] != ':')
        {
            return true;
        }

        i++;
        var p = 0;
        var digits = 0;
        while (i < end && SipChars.IsDigit(buf[i]))
        {
            if (++digits > 5)
            {
                return false;
            }

            p = p * 10 + (buf[i] - '0');
            i++;
        }

        port = p;
        return digits > 0 && p <= 65535;
    }

    /// <summary>*(;token[=token-or-colon]) as <see cref="HeaderSyntax.Params"/> reads it, without whitespace or quoting.</summary>
    private static bool TryParams(ReadOnlySpan<byte> buf, ref int i, int end, out Segment all, out Segment tag, out Segment branch, out Segment received, out Segment rport, out bool hasRPort)
    {
        tag = branch = received = rport = default;
        hasRPort = false;
        var start = i;
        while (i < end && buf[i] == ';')
        {
            var nameStart = i + 1;
            var nameEnd = Run(buf, nameStart, end, TokenChars);
            if (nameEnd == nameStart)
            {
                all = default;
                return false;
            }

            i = nameEnd;
            Segment val = default;
            if (i < end && buf[i] == '=')
            {
                var valueEnd = Run(buf, i + 1, end, TokenOrColonChars);
                if (valueEnd == i + 1)
                {
                    all = default;
                    return false;
                }

                val = new Segment(i + 1, valueEnd - i - 1);
                i = valueEnd;
            }

            var name = buf[nameStart..nameEnd];
            switch (name.Length)
            {
                case 3 when tag.IsEmpty && Ascii.EqualsIgnoreCase(name, "tag"u8):
                    if (val.IsEmpty)
                    {
                        all = default;
                        return false;
                    }

                    tag = val;
                    break;
                case 5 when Ascii.EqualsIgnoreCase(name, "rport"u8):
                    hasRPort = true;
                    rport = val;
                    break;
                case 6 when Ascii.EqualsIgnoreCase(name, "branch"u8):
                    branch = val;
                    break;
                case 8 when Ascii.EqualsIgnoreCase(name, "received"u8):
                    received = val;
                    break;
            }
        }

        all = new Segment(start, i - start);
        return true;
    }

    private static int SkipSpaces(ReadOnlySpan<byte> buf, int i, int end)
    {
        while (i < end && buf[i] == ' ')
        {
            i++;
        }

        return i;
    }

    /// <summary>The first index from <paramref name="i"/> whose byte is not in <paramref name="set"/>, or <paramref name="end"/>.</summary>
    private static int Run(ReadOnlySpan<byte> buf, int i, int end, ByteSet set) => set.Run(buf, i, end);

    /// <summary>
    /// A set of ASCII bytes, for runs of them. Most runs here are short (a tag, a host, a parameter name), and a vector
    /// search cost about 110 instructions a run under callgrind whatever its length: a table lookup a byte for the first
    /// 16 bytes, the vector search only for what is longer (a branch).
    /// </summary>
    private sealed class ByteSet
    {
        private const int ScalarBytes = 16;
        private readonly bool[] _members = new bool[256];
        private readonly SearchValues<byte> _values;

        public ByteSet(string chars)
        {
            var bytes = Encoding.ASCII.GetBytes(chars);
            foreach (var b in bytes)
            {
                _members[b] = true;
            }

            _values = SearchValues.Create(bytes);
        }

        public int Run(ReadOnlySpan<byte> buf, int i, int end)
        {
            var members = _members;
            var scalarEnd = Math.Min(end, i + ScalarBytes);
            while (i < scalarEnd)
            {
                if (!members[buf[i]])
                {
                    return i;
                }

                i++;
            }

            if (i == end)
            {
                return end;
            }

            var k = buf[i..end].IndexOfAnyExcept(_values);
            return k < 0 ? end : i + k;
        }
    }
}
