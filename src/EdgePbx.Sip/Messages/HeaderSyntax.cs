using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// Span validators for the headers every layer relies on (checked when a message enters, so lazy
/// accessors later cannot fail). Each returns null when valid, otherwise what is wrong; the scanner
/// position then says where.
/// </summary>
internal static class HeaderSyntax
{
    /// <summary>RFC 3261 25.1: *( SEMI generic-param ); generic-param = token [ EQUAL gen-value ].</summary>
    public static string? Params(ref SipScanner s, out Segment all, out Segment tag, out Segment branch, out Segment received, out Segment rport, out bool hasRPort)
    {
        tag = branch = received = rport = all = default;
        hasRPort = false;
        var start = s.Position;
        var lastEnd = start;
        while (s.TrySeparator((byte)';'))
        {
            var name = s.ReadToken();
            if (name.IsEmpty)
            {
                return "empty parameter";
            }

            Segment value = default;
            if (s.TrySeparator((byte)'='))
            {
                if (s.Is((byte)'"'))
                {
                    var err = s.ReadQuotedString(out value);
                    if (err is not null)
                    {
                        return err;
                    }
                }
                else if (s.Is((byte)'['))
                {
                    var vs = s.Position;
                    while (!s.AtEnd && s.Current != ']')
                    {
                        s.Position++;
                    }

                    if (!s.TryByte((byte)']') || !UriSyntax.IsIpv6(s.Buffer.Slice(vs + 1, s.Position - vs - 2)))
                    {
                        return "bad IPv6 reference in parameter";
                    }

                    value = new Segment(vs, s.Position - vs);
                }
                else
                {
                    // gen-value = token / host / quoted-string; ':' admits a bare IPv6 received= (RFC 5118 4.5).
                    value = s.ReadWhile(SipChars.TokenOrColon);
                    if (value.IsEmpty)
                    {
                        return "empty parameter value";
                    }
                }
            }

            var n = s.Buffer.Slice(name.Start, name.Length);
            if (Ascii.EqualsIgnoreCase(n, "tag"u8) && tag.IsEmpty)
            {
                tag = value.IsEmpty ? new Segment(name.End, 0) : value;
                if (value.IsEmpty)
                {
                    return "tag parameter without a value";
                }
            }
            else if (Ascii.EqualsIgnoreCase(n, "branch"u8))
            {
                branch = value;
            }
            else if (Ascii.EqualsIgnoreCase(n, "received"u8))
            {
                received = value;
            }
            else if (Ascii.EqualsIgnoreCase(n, "rport"u8))
            {
                hasRPort = true;
                rport = value;
            }

            lastEnd = s.Position;
        }

        all = new Segment(start, lastEnd - start);
        return null;
    }

    /// <summary>RFC 3261 25.1: (name-addr / addr-spec) *(SEMI param). Stops before ',' or end.</summary>
    public static string? NameAddr(ref SipScanner s, out NameAddrParts parts)
    {
        parts = default;
        s.SkipLws();
        Segment display = default;
        var start = s.Position;
        if (s.Is((byte)'"'))
        {
            var err = s.ReadQuotedString(out display);
            if (err is not null)
            {
                return err;
            }

            s.SkipLws();
            if (!s.Is((byte)'<'))
            {
                return "expected '<' after display name";
            }
        }
        else
        {
            // display-name = *(token LWS): only a name-addr if the tokens are followed by '<'.
            while (true)
            {
                var t = s.ReadToken();
                if (t.IsEmpty)
                {
                    break;
                }

                display = new Segment(start, t.End - start);
                s.SkipLws();
            }

            if (!s.Is((byte)'<'))
            {
                display = default;
                s.Position = start;
            }
        }

        Segment uri;
        bool bracketed;
        UriParts up;
        if (s.TryByte((byte)'<'))
        {
            var us = s.Position;
            while (!s.AtEnd && s.Current != '>')
            {
                if (s.Current <= 0x20)
                {
                    return "whitespace inside <>";
                }

                s.Position++;
            }

            if (!s.Is((byte)'>'))
            {
                return "missing '>'";
            }

            uri = new Segment(us, s.Position - us);
            s.Position++;
            bracketed = true;
            var err = UriSyntax.Scan(s.Buffer, uri, UriSyntax.Context.Bracketed, out up);
            if (err is not null)
            {
                s.Position = us;
                return err;
            }
        }
        else
        {
            var us = s.Position;
            while (!s.AtEnd && s.Current > 0x20 && s.Current is not (byte)';' and not (byte)',')
            {
                s.Position++;
            }

            uri = new Segment(us, s.Position - us);
            bracketed = false;
            var err = UriSyntax.Scan(s.Buffer, uri, UriSyntax.Context.AddrSpec, out up);
            if (err is not null)
            {
                var bad = s.Position;
                s.Position = us;
                // "Bell, Alexander <sip:...>": tokens, then a character a display name may only hold quoted.
                var looksLikeDisplay = s.Buffer[us..s.End].IndexOf((byte)'<') > 0 && !s.Buffer[us..bad].Contains((byte)':');
                return looksLikeDisplay ? "display name with special characters must be quoted" : uri.IsEmpty ? "expected a URI or name-addr" : err;
            }
        }

        var perr = Params(ref s, out var ps, out var tag, out _, out _, out _, out _);
        if (perr is not null)
        {
            return perr;
        }

        s.SkipLws();
        parts = new NameAddrParts(display, uri, bracketed, ps, tag);
        return null;
    }

    /// <summary>A header that holds exactly one name-addr (From, To): nothing may follow it.</summary>
    public static string? SingleNameAddr(ref SipScanner s, out NameAddrParts parts)
    {
        var err = NameAddr(ref s, out parts);
        if (err is null && !s.AtEnd)
        {
            return s.Current == ',' ? "more than one value, or an unquoted display name with ','" : $"unexpected '{(char)s.Current}'";
        }

        return err;
    }

    /// <summary>RFC 3261 20.10: Contact = "*" / contact-param *(COMMA contact-param).</summary>
    public static string? ContactList(ref SipScanner s)
    {
        s.SkipLws();
        if (s.Is((byte)'*'))
        {
            s.Position++;
            s.SkipLws();
            return s.AtEnd ? null : "'*' must be the only Contact value";
        }

        while (true)
        {
            var err = NameAddr(ref s, out _);
            if (err is not null)
            {
                return err;
            }

            if (s.AtEnd)
            {
                return null;
            }

            if (!s.TryByte((byte)','))
            {
                return $"unexpected '{(char)s.Current}'";
            }
        }
    }

    /// <summary>RFC 3261 20.42: via-parm = sent-protocol LWS sent-by *( SEMI via-params ).</summary>
    public static string? Via(ref SipScanner s, out ViaParts parts)
    {
        parts = default;
        s.SkipLws();
        var protocol = s.ReadToken();
        if (protocol.IsEmpty)
        {
            return "missing sent-protocol";
        }

        // sent-protocol = protocol-name SLASH protocol-version SLASH transport, SLASH = SWS "/" SWS.
        if (!s.TrySeparator((byte)'/'))
        {
            return "expected '/' in sent-protocol";
        }

        var version = s.ReadToken();
        if (version.IsEmpty || !s.TrySeparator((byte)'/'))
        {
            return "bad protocol version in sent-protocol";
        }

        var transport = s.ReadToken();
        if (transport.IsEmpty)
        {
            return "missing transport";
        }

        if (!s.SkipLws())
        {
            return "expected whitespace before sent-by";
        }

        var hostStart = s.Position;
        if (s.Is((byte)'['))
        {
            while (!s.AtEnd && s.Current != ']')
            {
                s.Position++;
            }

            if (!s.TryByte((byte)']') || !UriSyntax.IsIpv6(s.Buffer.Slice(hostStart + 1, s.Position - hostStart - 2)))
            {
                s.Position = hostStart;
                return "bad IPv6 reference in sent-by";
            }
        }
        else
        {
            s.ReadWhile(SipChars.HostChar);
        }

        var host = new Segment(hostStart, s.Position - hostStart);
        if (host.IsEmpty)
        {
            return "missing sent-by host";
        }

        var port = -1;
        if (s.TrySeparator((byte)':'))
        {
            if (!s.TryReadNumber(5, out var p, out _) || p > 65535)
            {
                return "bad sent-by port";
            }

            port = (int)p;
        }

        var err = Params(ref s, out var ps, out _, out var branch, out var received, out var rport, out var hasRPort);
        if (err is not null)
        {
            return err;
        }

        s.SkipLws();
        parts = new ViaParts(protocol, version, transport, host, port, ps, branch, received, hasRPort, rport);
        return null;
    }

    /// <summary>Every via-parm of one Via header line (comma separated).</summary>
    public static string? ViaList(ref SipScanner s, out ViaParts first)
    {
        var err = Via(ref s, out first);
        while (err is null && !s.AtEnd)
        {
            if (!s.TryByte((byte)','))
            {
                return $"unexpected '{(char)s.Current}'";
            }

            err = Via(ref s, out _);
        }

        return err;
    }
}
