namespace EdgePbx.Media.Dtmf;

/// <summary>
/// RFC 4733 2.5.2 receiver: every packet of one event carries the event's start timestamp, so an event is
/// reported once, on the first packet seen with a new timestamp (whether a start, update or one of the
/// repeated end packets, in case the first ones were lost); retransmitted end packets are absorbed.
/// </summary>
public sealed class TelephoneEventReceiver
{
    private uint _lastTimestamp;
    private bool _haveLast;

    /// <summary>Returns the digit when this packet begins a new event, otherwise null.</summary>
    public char? Receive(uint rtpTimestamp, ReadOnlySpan<byte> payload)
    {
        if (!TelephoneEvent.TryParse(payload, out var value) || value.Digit is not { } digit)
        {
            return null;
        }

        if (_haveLast && rtpTimestamp == _lastTimestamp)
        {
            return null;
        }

        _haveLast = true;
        _lastTimestamp = rtpTimestamp;
        return digit;
    }
}
