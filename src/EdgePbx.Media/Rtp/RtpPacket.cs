using System.Buffers.Binary;

namespace EdgePbx.Media.Rtp;

/// <summary>RFC 3550 5.1 RTP packet parse/write over spans; nothing allocates.</summary>
public static class RtpPacket
{
    public const int HeaderLength = 12;

    /// <summary>
    /// Parses the header and locates the payload. Invalid packets (RFC 3550 A.1 validity checks: version 2,
    /// length consistent with CSRC count, extension and padding) return false so the caller can count and drop them.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header, out int payloadOffset, out int payloadLength)
    {
        header = default;
        payloadOffset = 0;
        payloadLength = 0;
        if (packet.Length < HeaderLength || (packet[0] >> 6) != 2)
        {
            return false;
        }

        var padding = (packet[0] & 0x20) != 0;
        var extension = (packet[0] & 0x10) != 0;
        var csrcCount = packet[0] & 0x0F;
        var offset = HeaderLength + (4 * csrcCount);
        if (packet.Length < offset)
        {
            return false;
        }

        if (extension)
        {
            // RFC 3550 5.3.1: 16-bit profile field, 16-bit length in 32-bit words, then the words.
            if (packet.Length < offset + 4)
            {
                return false;
            }

            offset += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]));
            if (packet.Length < offset)
            {
                return false;
            }
        }

        var end = packet.Length;
        if (padding)
        {
            // RFC 3550 5.1: the last octet counts the padding octets, itself included.
            var pad = packet[^1];
            if (pad == 0 || end - pad < offset)
            {
                return false;
            }

            end -= pad;
        }

        header = new RtpHeader(
            (packet[1] & 0x80) != 0,
            (byte)(packet[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]));
        payloadOffset = offset;
        payloadLength = end - offset;
        return true;
    }

    /// <summary>Writes a version 2 header without CSRCs followed by the payload; returns the packet length.</summary>
    public static int Write(Span<byte> destination, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        var length = HeaderLength + payload.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException("destination too small for the packet", nameof(destination));
        }

        destination[0] = 0x80;
        destination[1] = (byte)((header.Marker ? 0x80 : 0) | (header.PayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], header.Ssrc);
        payload.CopyTo(destination[HeaderLength..]);
        return length;
    }

    /// <summary>RFC 5761 4: RTCP packet types 200-204 occupy what would be RTP payload types 72-76 with the marker set.</summary>
    public static bool LooksLikeRtcp(ReadOnlySpan<byte> packet) => packet.Length >= 2 && packet[1] is >= 192 and <= 223;
}
