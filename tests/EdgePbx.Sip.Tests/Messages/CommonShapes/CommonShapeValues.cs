using System.Text;

namespace EdgePbx.Sip.Tests.Messages.CommonShapes;

/// <summary>
/// Values of the shapes the fast path is for (hand-written and generated from a fixed seed), the
/// mutations of them that probe its edges, and the Via/From/To/Contact values of the torture messages.
/// </summary>
internal static class CommonShapeValues
{
    public static readonly string[] Uris =
    [
        "sip:4001234567@192.0.2.1:5060",
        "sip:4001234567@192.0.2.1",
        "sip:192.0.2.1",
        "sip:pbx.example.com:5080;transport=udp",
        "sips:alice.smith+ext@example.com;lr;ob",
        "sip:+13800138000@carrier.example.net;user=phone",
        "sip:101@192.0.2.50:5060;rinstance=6f8b3a;transport=UDP",
        "sip:a-b_c.d!e~f*g'h@h-1.example:65535;maddr=[2001:db8::1]",
    ];

    public static readonly string[] Vias =
    [
        "SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport",
        "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;received=192.0.2.1",
        "SIP/2.0/TCP pc33.example.com;branch=z9hG4bK1;rport=5061;received=192.0.2.9",
        "SIP/2.0/TLS  client.example.com:5061;branch=z9hG4bKa;alias",
        "SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK56sdasks;received=2001:db8::9;branch=z9hG4bKlast",
    ];

    public static readonly string[] NameAddrs =
    [
        "\"Caller\" <sip:13800138000@198.51.100.7>;tag=1928301774",
        "<sip:4001234567@192.0.2.1>",
        "<sip:101@192.0.2.1>;tag=456248",
        "<sip:13800138000@198.51.100.7:5060>",
        "Bob Smith <sip:bob@biloxi.example.com>;tag=a6c85cf;x-extra",
        "Anonymous<sip:anonymous@anonymous.invalid>;TAG=abc;tag=second",
        "\"A. G. Bell (office), #1\"  <sips:agb@bell-telephone.com;transport=tls>;expires=3600;q=0.7",
        "<sip:101@192.0.2.50:5060;ob>;reg-id=1;expires=0",
    ];

    // Bytes that end runs, open other grammar branches or are never valid there.
    private static readonly byte[] Probes = Encoding.ASCII.GetBytes(" \t;:@%,<>\"=?&[]/\\.-+*'~!#$()0aZ_`{|}^").Append((byte)0x80).Append((byte)'\r').Append((byte)'\n').Append((byte)0).ToArray();

    public static IEnumerable<string> GeneratedUris(int count)
    {
        var r = new Random(3261);
        for (var i = 0; i < count; i++)
        {
            var sb = new StringBuilder(Pick(r, "sip:", "sips:", "sip:", "SIP:", "tel:"));
            if (r.Next(4) != 0)
            {
                sb.Append(Pick(r, "101", "4001234567", "+13800138000", "alice.smith", "bob_b-1", "a%20b", "u:pw", "x!y~z*'q")).Append('@');
            }

            sb.Append(Pick(r, "192.0.2.1", "pbx.example.com", "h", "[2001:db8::1]", "carrier-1.example.net", "256.1.1.1"));
            if (r.Next(2) == 0)
            {
                sb.Append(':').Append(Pick(r, "5060", "5061", "65535", "65536", "0", "050600", ""));
            }

            for (var p = r.Next(4); p > 0; p--)
            {
                sb.Append(';').Append(Pick(r, "transport=udp", "lr", "user=phone", "ob", "maddr=239.255.255.1", "x=[::1]", "a%41=b", "=x", ""));
            }

            if (r.Next(8) == 0)
            {
                sb.Append("?Subject=hi");
            }

            yield return sb.ToString();
        }
    }

    public static IEnumerable<string> GeneratedVias(int count)
    {
        var r = new Random(3581);
        for (var i = 0; i < count; i++)
        {
            var sb = new StringBuilder(Pick(r, "SIP/2.0/", "SIP/2.0/", "sip/2.0/", "SIP / 2.0 / "));
            sb.Append(Pick(r, "UDP", "TCP", "TLS", "WS", "SCTP", "")).Append(Pick(r, " ", " ", "  ", "\t", ""));
            sb.Append(Pick(r, "198.51.100.7", "pc33.example.com", "[2001:db8::9]", "h", ""));
            if (r.Next(3) != 0)
            {
                sb.Append(':').Append(Pick(r, "5060", "5061", "65535", "99999", "123456", ""));
            }

            for (var p = r.Next(5); p > 0; p--)
            {
                sb.Append(Pick(r, ";", ";", " ;")).Append(Pick(r, "branch=z9hG4bK776asdhds", "rport", "rport=5060", "received=192.0.2.1",
                    "received=2001:db8::1", "ttl=16", "maddr=224.2.0.1", "tag=x", "tag=", "branch=", "x=\"q\"", "Branch=z9hG4bKUP", "RPORT"));
            }

            if (r.Next(10) == 0)
            {
                sb.Append(", SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK2");
            }

            yield return sb.ToString();
        }
    }

    public static IEnumerable<string> GeneratedNameAddrs(int count)
    {
        var r = new Random(2543);
        for (var i = 0; i < count; i++)
        {
            var sb = new StringBuilder(Pick(r, "", "", "\"Caller\" ", "\"Caller\"", "Bob ", "Bob Smith ", "\"J \\\"R\\\"\" ", "\"tab\there\" ", "Bell, A ", "\"\" "));
            var uri = Pick(r, "sip:101@192.0.2.1", "sip:13800138000@198.51.100.7:5060", "sips:a.b@example.com;transport=tls", "tel:+15551234", "sip:[2001:db8::1]", "sip:a b@c", "sip:x@y?h=v");
            sb.Append(r.Next(8) == 0 ? uri : "<" + uri + ">");
            for (var p = r.Next(4); p > 0; p--)
            {
                sb.Append(Pick(r, ";", ";", " ; ")).Append(Pick(r, "tag=1928301774", "tag=a6c85cf", "expires=3600", "q=0.7", "TAG=up", "tag=", "+sip.instance=\"<urn:uuid:1>\"", "lr"));
            }

            if (r.Next(10) == 0)
            {
                sb.Append(", <sip:other@example.com>");
            }

            yield return sb.ToString();
        }
    }

    /// <summary>Every value one edit away: each byte replaced by each probe, deleted, or a probe inserted before it.</summary>
    public static IEnumerable<byte[]> Mutations(string value)
    {
        var b = Encoding.ASCII.GetBytes(value);
        for (var i = 0; i <= b.Length; i++)
        {
            foreach (var probe in Probes)
            {
                if (i < b.Length)
                {
                    var replaced = (byte[])b.Clone();
                    replaced[i] = probe;
                    yield return replaced;
                }

                yield return [.. b[..i], probe, .. b[i..]];
            }

            if (i < b.Length)
            {
                yield return [.. b[..i], .. b[(i + 1)..]];
            }
        }
    }

    /// <summary>The value of every header line named one of <paramref name="names"/> in every RFC 4475 message (folds cut the value short: more cases, not fewer).</summary>
    public static IEnumerable<byte[]> TortureHeaderValues(params string[] names)
    {
        foreach (var file in Directory.EnumerateFiles(TestData.Rfc4475Directory, "*.dat").Order(StringComparer.Ordinal))
        {
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
            foreach (var line in text.Split("\r\n"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && names.Contains(line[..colon].Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    yield return Encoding.Latin1.GetBytes(line[(colon + 1)..].Trim(' ', '\t'));
                }
            }
        }
    }

    private static string Pick(Random r, params string[] options) => options[r.Next(options.Length)];
}
