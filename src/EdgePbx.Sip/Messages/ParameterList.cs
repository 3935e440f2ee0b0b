using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>Builds parameter lists from segments already checked by <see cref="HeaderSyntax"/> or <see cref="UriSyntax"/>.</summary>
internal static class ParameterList
{
    /// <summary>Header parameters: SWS ";" SWS name [SWS "=" SWS value], already validated.</summary>
    public static IReadOnlyList<SipParameter> FromHeader(ReadOnlySpan<byte> buf, Segment seg)
    {
        if (seg.IsEmpty)
        {
            return [];
        }

        var list = new List<SipParameter>();
        var s = new SipScanner(buf, seg.Start, seg.End);
        while (s.TrySeparator((byte)';'))
        {
            var name = s.ReadToken();
            string? value = null;
            if (s.TrySeparator((byte)'='))
            {
                Segment v;
                if (s.Is((byte)'"'))
                {
                    s.ReadQuotedString(out v);
                }
                else if (s.Is((byte)'['))
                {
                    var vs = s.Position;
                    while (!s.AtEnd && s.Current != ']')
                    {
                        s.Position++;
                    }

                    s.Position++;
                    v = new Segment(vs, s.Position - vs);
                }
                else
                {
                    v = s.ReadWhile(SipChars.TokenOrColon);
                }

                value = SipScanner.Decode(buf, v);
            }

            list.Add(new SipParameter(SipScanner.Decode(buf, name), value));
        }

        return list;
    }

    /// <summary>URI parameters: ";name[=value]" runs with no whitespace.</summary>
    public static IReadOnlyList<SipParameter> FromUri(ReadOnlySpan<byte> buf, Segment seg)
    {
        if (seg.IsEmpty)
        {
            return [];
        }

        var list = new List<SipParameter>();
        foreach (var range in buf.Slice(seg.Start, seg.Length).Split((byte)';'))
        {
            var part = buf.Slice(seg.Start, seg.Length)[range];
            if (part.IsEmpty)
            {
                continue;
            }

            var eq = part.IndexOf((byte)'=');
            list.Add(eq < 0
                ? new SipParameter(Encoding.UTF8.GetString(part), null)
                : new SipParameter(Encoding.UTF8.GetString(part[..eq]), Encoding.UTF8.GetString(part[(eq + 1)..])));
        }

        return list;
    }

    public static string? Find(IReadOnlyList<SipParameter> list, string name)
    {
        foreach (var p in list)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value ?? string.Empty;
            }
        }

        return null;
    }
}
