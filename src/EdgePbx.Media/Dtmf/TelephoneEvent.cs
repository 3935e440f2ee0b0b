using System.Buffers.Binary;

namespace EdgePbx.Media.Dtmf;

/// <summary>RFC 4733 2.3 payload: event, E bit, volume (-dBm0, 0-63), duration in timestamp units.</summary>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    public const int Length = 4;
    private const string Keys = "0123456789*#ABCD";

    /// <summary>RFC 4733 3.2 table 7: events 0-9, * (10), # (11), A-D (12-15).</summary>
    public char? Digit => Event < Keys.Length ? Keys[Event] : null;

    public static byte? EventFor(char digit)
    {
        var index = Keys.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        return index < 0 ? null : (byte)index;
    }

    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        // RFC 4733 2.3: a payload may carry more than one event block; the first is the current event.
        if (payload.Length < Length)
        {
            value = default;
            return false;
        }

        value = new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    public int Write(Span<byte> destination)
    {
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Length;
    }
}
