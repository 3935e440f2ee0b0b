namespace EdgePbx.Media.Dtmf;

/// <summary>
/// RFC 4733 2.5.1 sender, driven by the 20 ms media clock: the first packet has the marker bit (2.5.1.2),
/// every packet of the event has the event's start timestamp and a growing duration, and the final packet
/// with the E bit is sent three times (2.5.1.4) with the same duration.
/// </summary>
public sealed class TelephoneEventSender
{
    public const int EndRepeats = 3;
    private const int SamplesPerTick = 160;

    private byte _event;
    private uint _timestamp;
    private int _totalSamples;
    private int _sentSamples;
    private int _endsSent = EndRepeats;
    private bool _first;

    public bool Busy => _endsSent < EndRepeats;

    /// <summary>Starts an event at <paramref name="rtpTimestamp"/>; false for a character that is not a DTMF key.</summary>
    public bool Start(char digit, int durationMs, uint rtpTimestamp)
    {
        if (TelephoneEvent.EventFor(digit) is not { } code || durationMs <= 0)
        {
            return false;
        }

        _event = code;
        _timestamp = rtpTimestamp;
        _totalSamples = Math.Min(durationMs * 8, ushort.MaxValue);
        _sentSamples = 0;
        _endsSent = 0;
        _first = true;
        return true;
    }

    /// <summary>The packet for this 20 ms tick, or null when no event is under way.</summary>
    public TelephoneEventPacket? Tick(byte volume = 10)
    {
        if (!Busy)
        {
            return null;
        }

        var marker = _first;
        _first = false;
        if (_sentSamples < _totalSamples)
        {
            _sentSamples = Math.Min(_sentSamples + SamplesPerTick, _totalSamples);
            if (_sentSamples < _totalSamples)
            {
                return new TelephoneEventPacket(marker, _timestamp, new TelephoneEvent(_event, false, volume, (ushort)_sentSamples));
            }
        }

        _endsSent++;
        return new TelephoneEventPacket(marker, _timestamp, new TelephoneEvent(_event, true, volume, (ushort)_totalSamples));
    }
}
