using System.Globalization;

namespace EdgePbx.Media.Sdp;

/// <summary>
/// RFC 4566 parser. Lines are &lt;type&gt;=&lt;value&gt; (5); CRLF is required by the RFC but a bare LF is
/// accepted because real phones send it. Unknown line types and attributes are kept or ignored, never fatal
/// (5: "parsers MUST ignore" unknown attributes); a malformed line we rely on is an error value, not an exception.
/// </summary>
/// <remarks>
/// Every call parses two bodies, so the parser reads the text as spans and makes strings only for the values
/// the model keeps (shared ones for the usual constants, <see cref="SdpStrings"/>); error text is built only
/// on the reject path.
/// </remarks>
public static class SdpParser
{
    public static SdpParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new SdpLineReader(text);
        SdpOrigin? origin = null;
        string? sessionName = null;
        SdpConnection? sessionConnection = null;
        MediaDirection? sessionDirection = null;
        var media = new List<MediaDescription>(2);
        MediaBuilder? current = null;
        var sawVersion = false;

        while (lines.TryRead(out var line))
        {
            var number = lines.Number;
            if (line.IsEmpty)
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
                if (type != 'v' || !value.SequenceEqual("0"))
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
                    sessionName = SdpStrings.Token(value);
                    break;
                case 'c':
                    // The c= address is nearly always the o= address (or the session c= one): share the string.
                    var connection = ParseConnection(value, sessionConnection?.Address ?? origin?.Address);
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
                    current?.AddTo(media);
                    // One builder serves every m= section of the description.
                    current ??= new MediaBuilder();
                    if (!TryStartMedia(value, current))
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
            return SdpParseResult.Fail(lines.Number, "missing o= line");
        }

        current?.AddTo(media);
        return SdpParseResult.Ok(new SessionDescription(origin, sessionName ?? "-", sessionConnection, sessionDirection, media));
    }

    internal static MediaDirection? ParseDirection(ReadOnlySpan<char> attribute) => attribute switch
    {
        "sendrecv" => MediaDirection.SendReceive,
        "sendonly" => MediaDirection.SendOnly,
        "recvonly" => MediaDirection.ReceiveOnly,
        "inactive" => MediaDirection.Inactive,
        _ => null,
    };

    private static string? ApplySessionAttribute(ReadOnlySpan<char> value, ref MediaDirection? direction)
    {
        direction = ParseDirection(value) ?? direction;
        return null;
    }

    // RFC 4566 5.2: o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
    private static SdpOrigin? ParseOrigin(ReadOnlySpan<char> value)
    {
        var fields = new SdpFields(value);
        if (!fields.TryNext(out var userName)
            || !fields.TryNext(out var idText)
            || !fields.TryNext(out var versionText)
            || !fields.TryNext(out var networkType)
            || !fields.TryNext(out var addressType)
            || !fields.TryNext(out var address)
            || fields.TryNext(out _)
            || !networkType.SequenceEqual("IN")
            || !ulong.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !ulong.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        return new SdpOrigin(SdpStrings.Token(userName), id, version, SdpStrings.Token(addressType), SdpStrings.Token(address));
    }

    // RFC 4566 5.7: c=<nettype> <addrtype> <connection-address>
    private static SdpConnection? ParseConnection(ReadOnlySpan<char> value, string? likelyAddress)
    {
        var fields = new SdpFields(value);
        if (!fields.TryNext(out var networkType)
            || !fields.TryNext(out var addressType)
            || !fields.TryNext(out var address)
            || fields.TryNext(out _)
            || !networkType.SequenceEqual("IN")
            || addressType is not ("IP4" or "IP6"))
        {
            return null;
        }

        // RFC 4566 5.7: a multicast address may carry /ttl; we keep only the address.
        var slash = address.IndexOf('/');
        if (slash >= 0)
        {
            address = address[..slash];
        }

        return new SdpConnection(SdpStrings.Token(addressType), SdpStrings.Reuse(address, likelyAddress));
    }

    // RFC 4566 5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
    private static bool TryStartMedia(ReadOnlySpan<char> value, MediaBuilder builder)
    {
        var fields = new SdpFields(value);
        if (!fields.TryNext(out var mediaType)
            || !fields.TryNext(out var portText)
            || !fields.TryNext(out var protocol))
        {
            return false;
        }

        var formatCount = fields.CountRemaining();
        if (formatCount == 0)
        {
            return false;
        }

        // We use the base port.
        var slash = portText.IndexOf('/');
        if (slash >= 0)
        {
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var formats = new string[formatCount];
        for (var i = 0; i < formats.Length && fields.TryNext(out var format); i++)
        {
            formats[i] = SdpStrings.Format(format);
        }

        builder.Start(SdpStrings.Token(mediaType), port, SdpStrings.Token(protocol), formats);
        return true;
    }
}
