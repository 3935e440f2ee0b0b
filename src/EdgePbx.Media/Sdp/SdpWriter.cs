using System.Buffers;
using System.Globalization;
using System.Text;

namespace EdgePbx.Media.Sdp;

/// <summary>RFC 4566 writer: lines in the order of section 5 (v o s c t, then m sections), CRLF endings.</summary>
/// <remarks>
/// Every line is formatted straight into one builder (no string per line); an answer is ~250 characters. The
/// builder is the calling thread's own, reused: each write finishes before the thread writes again, and a call's
/// offer and answer were a builder, its text and (for the wire) a copy of that text each.
/// </remarks>
public static class SdpWriter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Write(SessionDescription description) => Build(description).ToString();

    /// <summary>The description as UTF-8 bytes, for a SIP body (no text in between).</summary>
    public static byte[] WriteUtf8(SessionDescription description)
    {
        var sb = Build(description);
        var length = sb.Length;
        var chars = ArrayPool<char>.Shared.Rent(length);
        try
        {
            sb.CopyTo(0, chars, 0, length);
            var bytes = new byte[Encoding.UTF8.GetByteCount(chars, 0, length)];
            Encoding.UTF8.GetBytes(chars, 0, length, bytes, 0);
            return bytes;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static StringBuilder Build(SessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var sb = t_builder ??= new StringBuilder(512);
        sb.Clear();
        var inv = CultureInfo.InvariantCulture;
        sb.Append("v=0\r\n");
        var o = description.Origin;
        sb.Append(inv, $"o={o.UserName} {o.SessionId} {o.SessionVersion} IN {o.AddressType} {o.Address}\r\n");
        sb.Append("s=").Append(description.SessionName.Length == 0 ? "-" : description.SessionName).Append("\r\n");
        if (description.Connection is { } c)
        {
            Connection(sb, c);
        }

        sb.Append("t=0 0\r\n");
        if (description.Direction is { } sessionDirection)
        {
            Direction(sb, sessionDirection);
        }

        foreach (var m in description.Media)
        {
            sb.Append(inv, $"m={m.Media} {m.Port} {m.Protocol} ");
            for (var i = 0; i < m.Formats.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(m.Formats[i]);
            }

            sb.Append("\r\n");
            if (m.Connection is { } mc)
            {
                Connection(sb, mc);
            }

            foreach (var map in m.RtpMaps)
            {
                sb.Append(inv, $"a=rtpmap:{map.PayloadType} {map.EncodingName}/{map.ClockRate}");
                if (map.Channels != 1)
                {
                    sb.Append(inv, $"/{map.Channels}");
                }

                sb.Append("\r\n");
                if (map.FormatParameters is { } fmtp)
                {
                    sb.Append(inv, $"a=fmtp:{map.PayloadType} {fmtp}\r\n");
                }
            }

            if (m.PacketTimeMs is { } ptime)
            {
                sb.Append(inv, $"a=ptime:{ptime}\r\n");
            }

            foreach (var other in m.OtherAttributes)
            {
                sb.Append("a=").Append(other).Append("\r\n");
            }

            if (m.Direction is { } direction)
            {
                Direction(sb, direction);
            }
        }

        return sb;
    }

    public static string DirectionName(MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.ReceiveOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    private static void Connection(StringBuilder sb, SdpConnection c) =>
        sb.Append("c=IN ").Append(c.AddressType).Append(' ').Append(c.Address).Append("\r\n");

    private static void Direction(StringBuilder sb, MediaDirection direction) =>
        sb.Append("a=").Append(DirectionName(direction)).Append("\r\n");
}
