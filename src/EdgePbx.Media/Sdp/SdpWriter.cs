using System.Globalization;
using System.Text;

namespace EdgePbx.Media.Sdp;

/// <summary>RFC 4566 writer: lines in the order of section 5 (v o s c t, then m sections), CRLF endings.</summary>
public static class SdpWriter
{
    public static string Write(SessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var sb = new StringBuilder(256);
        Line(sb, "v=0");
        var o = description.Origin;
        Line(sb, string.Create(CultureInfo.InvariantCulture, $"o={o.UserName} {o.SessionId} {o.SessionVersion} IN {o.AddressType} {o.Address}"));
        Line(sb, "s=" + (description.SessionName.Length == 0 ? "-" : description.SessionName));
        if (description.Connection is { } c)
        {
            Line(sb, $"c=IN {c.AddressType} {c.Address}");
        }

        Line(sb, "t=0 0");
        if (description.Direction is { } sessionDirection)
        {
            Line(sb, "a=" + DirectionName(sessionDirection));
        }

        foreach (var m in description.Media)
        {
            Line(sb, string.Create(CultureInfo.InvariantCulture, $"m={m.Media} {m.Port} {m.Protocol} {string.Join(' ', m.Formats)}"));
            if (m.Connection is { } mc)
            {
                Line(sb, $"c=IN {mc.AddressType} {mc.Address}");
            }

            foreach (var map in m.RtpMaps)
            {
                Line(sb, map.Channels == 1
                    ? string.Create(CultureInfo.InvariantCulture, $"a=rtpmap:{map.PayloadType} {map.EncodingName}/{map.ClockRate}")
                    : string.Create(CultureInfo.InvariantCulture, $"a=rtpmap:{map.PayloadType} {map.EncodingName}/{map.ClockRate}/{map.Channels}"));
                if (map.FormatParameters is { } fmtp)
                {
                    Line(sb, string.Create(CultureInfo.InvariantCulture, $"a=fmtp:{map.PayloadType} {fmtp}"));
                }
            }

            if (m.PacketTimeMs is { } ptime)
            {
                Line(sb, string.Create(CultureInfo.InvariantCulture, $"a=ptime:{ptime}"));
            }

            foreach (var other in m.OtherAttributes)
            {
                Line(sb, "a=" + other);
            }

            if (m.Direction is { } direction)
            {
                Line(sb, "a=" + DirectionName(direction));
            }
        }

        return sb.ToString();
    }

    public static string DirectionName(MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.ReceiveOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    private static void Line(StringBuilder sb, string line) => sb.Append(line).Append("\r\n");
}
