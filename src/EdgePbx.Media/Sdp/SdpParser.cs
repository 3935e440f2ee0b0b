using System.Globalization;

namespace EdgePbx.Media.Sdp;

/// <summary>
/// RFC 4566 parser. Lines are &lt;type&gt;=&lt;value&gt; (5); CRLF is required by the RFC but a bare LF is
/// accepted because real phones send it. Unknown line types and attributes are kept or ignored, never fatal
/// (5: "parsers MUST ignore" unknown attributes); a malformed line we rely on is an error value, not an exception.
/// </summary>
public static class SdpParser
{
    public static SdpParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        SdpOrigin? origin = null;
        string? sessionName = null;
        SdpConnection? sessionConnection = null;
        MediaDirection? sessionDirection = null;
        var media = new List<MediaDescription>();
        MediaBuilder? current = null;
        var sawVersion = false;

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var number = i + 1;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=')
            {
                return SdpParseResult.Fail(number, $"expected <type>=<value>, got \"{line}\"");
            }

            var type = line[0];
            var value = line[2..];
            if (!sawVersion)
            {
                // RFC 4566 5: the description starts with v=0.
                if (type != 'v' || value != "0")
                {
                    return SdpParseResult.Fail(number, "first line must be v=0");
                }

                sawVersion = true;
                continue;
            }

            switch (type)
            {
                case 'o':
                    origin = ParseOrigin(value);
                    if (origin is null)
                    {
                        return SdpParseResult.Fail(number, "o= needs <username> <sess-id> <sess-version> IN <addrtype> <address>");
                    }

                    break;
                case 's':
                    sessionName = value;
                    break;
                case 'c':
                    var connection = ParseConnection(value);
                    if (connection is null)
                    {
                        return SdpParseResult.Fail(number, "c= needs IN <addrtype> <address>");
                    }

                    if (current is null)
                    {
                        sessionConnection = connection;
                    }
                    else
                    {
                        current.Connection = connection;
                    }

                    break;
                case 'm':
                    if (current is not null)
                    {
                        media.Add(current.Build());
                    }

                    current = ParseMediaLine(value);
                    if (current is null)
                    {
                        return SdpParseResult.Fail(number, "m= needs <media> <port> <proto> <fmt> ...");
                    }

                    break;
                case 'a':
                    var error = current is null
                        ? ApplySessionAttribute(value, ref sessionDirection)
                        : current.ApplyAttribute(value);
                    if (error is not null)
                    {
                        return SdpParseResult.Fail(number, error);
                    }

                    break;
                default:
                    // t=, b=, i=, u=, e=, p=, k=, r=, z=: not needed for offer/answer of audio.
                    break;
            }
        }

        if (!sawVersion)
        {
            return SdpParseResult.Fail(1, "empty description");
        }

        if (origin is null)
        {
            return SdpParseResult.Fail(lines.Length, "missing o= line");
        }

        if (current is not null)
        {
            media.Add(current.Build());
        }

        return SdpParseResult.Ok(new SessionDescription(origin, sessionName ?? "-", sessionConnection, sessionDirection, media));
    }

    internal static MediaDirection? ParseDirection(string attribute) => attribute switch
    {
        "sendrecv" => MediaDirection.SendReceive,
        "sendonly" => MediaDirection.SendOnly,
        "recvonly" => MediaDirection.ReceiveOnly,
        "inactive" => MediaDirection.Inactive,
        _ => null,
    };

    private static string? ApplySessionAttribute(string value, ref MediaDirection? direction)
    {
        direction = ParseDirection(value) ?? direction;
        return null;
    }

    private static SdpOrigin? ParseOrigin(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6 || parts[3] != "IN"
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        return new SdpOrigin(parts[0], id, version, parts[4], parts[5]);
    }

    private static SdpConnection? ParseConnection(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || parts[0] != "IN" || parts[1] is not ("IP4" or "IP6"))
        {
            return null;
        }

        // RFC 4566 5.7: a multicast address may carry /ttl; we keep only the address.
        var slash = parts[2].IndexOf('/', StringComparison.Ordinal);
        return new SdpConnection(parts[1], slash < 0 ? parts[2] : parts[2][..slash]);
    }

    private static MediaBuilder? ParseMediaLine(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4)
        {
            return null;
        }

        // RFC 4566 5.14: <port>/<number of ports> is allowed; we use the base port.
        var portText = parts[1];
        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return null;
        }

        return new MediaBuilder(parts[0], port, parts[2], parts[3..]);
    }
}
