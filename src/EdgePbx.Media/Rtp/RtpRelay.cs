using EdgePbx.Media.Codecs;

namespace EdgePbx.Media.Rtp;

/// <summary>
/// Bridges two legs: audio passes through untouched when both legs use the same G.711 law and is
/// transcoded PCMU↔PCMA otherwise; RFC 4733 events are carried across with the other leg's payload type and
/// a timestamp shifted into the other leg's timeline. Both legs receive on arrival
/// (<see cref="RtpSession.ReceiveOnArrival"/>, from their next tick): a packet is forwarded on the socket
/// completion thread as soon as it lands rather than at the next 20 ms tick, which would add 10 ms on average.
/// A transcoded payload is written into the forwarding thread's scratch buffer (<see cref="PacketScratch"/>;
/// the two directions may run at once on two threads), so relaying allocates nothing per packet or per call.
/// </summary>
public sealed class RtpRelay : IRtpReceiver
{
    private readonly RelayLeg _a;
    private readonly RelayLeg _b;
    private uint _shiftToA;
    private uint _shiftToB;
    private bool _paused;

    public RtpRelay(RelayLeg a, RelayLeg b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        _a = a;
        _b = b;
        a.Session.PayloadType = a.AudioPayloadType;
        b.Session.PayloadType = b.AudioPayloadType;
        a.Session.Receiver = this;
        b.Session.Receiver = this;
        a.Session.ReceiveOnArrival(b.Session);
        b.Session.ReceiveOnArrival(a.Session);
    }

    /// <summary>
    /// While set, nothing is forwarded either way (a hold: the holder asked not to receive, and what it still
    /// sends is not for the other side, who hears the box's music instead). Set from the engine, read per packet.
    /// </summary>
    public bool Paused
    {
        get => Volatile.Read(ref _paused);
        set => Volatile.Write(ref _paused, value);
    }

    /// <summary>Raised (on the clock thread) when either leg has had no media for its timeout.</summary>
    public event Action<RtpSession>? MediaTimedOut;

    public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (Volatile.Read(ref _paused))
        {
            return;
        }

        var fromA = ReferenceEquals(session, _a.Session);
        var from = fromA ? _a : _b;
        var to = fromA ? _b : _a;

        if (header.PayloadType == from.AudioPayloadType)
        {
            var shift = to.Session.NextTimestamp - header.Timestamp;
            if (fromA)
            {
                _shiftToB = shift;
            }
            else
            {
                _shiftToA = shift;
            }

            if (from.Codec == to.Codec)
            {
                to.Session.SendFrame(payload, header.Marker);
            }
            else
            {
                var buffer = PacketScratch.Transcode;
                var n = Math.Min(payload.Length, buffer.Length);
                G711.Transcode(from.Codec, to.Codec, payload[..n], buffer);
                to.Session.SendFrame(buffer.AsSpan(0, n), header.Marker);
            }
        }
        else if (header.PayloadType == from.TelephoneEventPayloadType && to.TelephoneEventPayloadType is { } te)
        {
            // RFC 4733 2.3: every packet of one event keeps the event's start timestamp; the shift keeps that true.
            to.Session.SendEvent(te, header.Marker, header.Timestamp + (fromA ? _shiftToB : _shiftToA), payload);
        }
    }

    public void OnMediaTimeout(RtpSession session) => MediaTimedOut?.Invoke(session);
}
