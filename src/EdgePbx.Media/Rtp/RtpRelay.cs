using System.Net.Sockets;
using EdgePbx.Media.Codecs;
using EdgePbx.Media.Rtp.Linux.Kernel;

namespace EdgePbx.Media.Rtp;

/// <summary>
/// Bridges two legs: audio passes through untouched when both legs use the same G.711 law and is
/// transcoded PCMU↔PCMA otherwise; RFC 4733 events are carried across with the other leg's payload type and
/// a timestamp shifted into the other leg's timeline. Both legs receive on arrival
/// (<see cref="RtpSession.ReceiveOnArrival"/>, from their next tick): a packet is forwarded on the socket
/// completion thread as soon as it lands rather than at the next 20 ms tick, which would add 10 ms on average.
/// A transcoded payload is written into the forwarding thread's scratch buffer (<see cref="PacketScratch"/>;
/// the two directions may run at once on two threads), so relaying allocates nothing per packet or per call.
/// <para>
/// With a kernel relay (<see cref="KernelRtpForwarder"/>, EDGEPBX_RTP_KERNEL_FORWARD), a pass-through direction is
/// handed to the kernel once both legs have latched onto their peers: from then on its audio never reaches this
/// process. Events, packets from elsewhere and anything else the kernel leaves go up as before and are sent
/// with the kernel's numbering. A direction stays here while it transcodes, while its leg has a listener
/// besides the relay (CED detection), and while the relay is paused; pausing, a new peer address and the end of
/// either leg take it back.
/// </para>
/// </summary>
public sealed class RtpRelay : IRtpReceiver
{
    private readonly RelayLeg _a;
    private readonly RelayLeg _b;
    private readonly Lock _gate = new();
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
        a.Session.DropForwarding(); // a leg bridged anew (a transfer) starts from user space
        b.Session.DropForwarding();
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
        set
        {
            lock (_gate)
            {
                Volatile.Write(ref _paused, value);
                if (value)
                {
                    _a.Session.DropForwarding();
                    _b.Session.DropForwarding();
                }
            }
        }
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

        if (from.Session.ForwardedIn is { } forwarded)
        {
            SendForwardedNumbering(forwarded, from, to, header, payload);
            return;
        }

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
                TryForwardInKernel(from, to, header, payload.Length);
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

    // What the kernel left to us in a direction it forwards: numbered with its shifts, so the stream stays one.
    private static void SendForwardedNumbering(ForwardedDirection forwarded, RelayLeg from, RelayLeg to, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        var sequence = (ushort)(header.SequenceNumber + forwarded.SequenceShift);
        var timestamp = header.Timestamp + forwarded.TimestampShift;
        if (header.PayloadType == from.AudioPayloadType)
        {
            to.Session.SendNumbered(to.AudioPayloadType, header.Marker, sequence, timestamp, payload, audio: true);
        }
        else if (header.PayloadType == from.TelephoneEventPayloadType && to.TelephoneEventPayloadType is { } te)
        {
            to.Session.SendNumbered(te, header.Marker, sequence, timestamp, payload, audio: false);
        }
    }

    /// <summary>
    /// Right after a pass-through packet went from <paramref name="from"/> to <paramref name="to"/>: hands the
    /// direction to the kernel when it can take it, numbered so that its next packet follows this one.
    /// </summary>
    private void TryForwardInKernel(RelayLeg from, RelayLeg to, in RtpHeader header, int payloadLength)
    {
        var source = from.Session;
        var target = to.Session;
        if (source.Forwarder is not { } forwarder
            || !ReferenceEquals(target.Forwarder, forwarder)
            || !ReferenceEquals(source.Receiver, this)
            || from.AudioPayloadType != to.AudioPayloadType
            || !source.IsLatched
            || !target.IsLatched
            || Volatile.Read(ref _paused))
        {
            return;
        }

        // IPv4 sockets (their peers are IPv4 too) in the table's range; checked before anything is allocated.
        if (source.LocalEndPoint.AddressFamily != AddressFamily.InterNetwork || target.LocalEndPoint.AddressFamily != AddressFamily.InterNetwork
            || !forwarder.Table.Covers(source.LocalPort) || !forwarder.Table.Covers(target.LocalPort))
        {
            return;
        }

        var sourceEpoch = source.RouteEpoch;
        var targetEpoch = target.RouteEpoch;
        var peer = source.RemoteEndPoint;
        var otherPeer = target.RemoteEndPoint;

        var sequenceShift = (ushort)(target.NextSequence - (ushort)(header.SequenceNumber + 1));
        var timestampShift = target.NextTimestamp - (header.Timestamp + (uint)payloadLength);
        var route = new ForwardRoute(
            source.LocalEndPoint,
            peer,
            target.LocalEndPoint,
            otherPeer,
            from.AudioPayloadType,
            target.Ssrc,
            sequenceShift,
            timestampShift,
            source.Statistics.ExtendedHighestSequence,
            source.Statistics.JitterScaled);
        lock (_gate)
        {
            if (Volatile.Read(ref _paused))
            {
                return;
            }

            var direction = new ForwardedDirection(forwarder.Table, source, target, sequenceShift, timestampShift);
            if (!source.TryJoinForwarding(direction, inbound: true, sourceEpoch))
            {
                return;
            }

            if (!target.TryJoinForwarding(direction, inbound: false, targetEpoch) || !direction.Install(route))
            {
                direction.Remove();
            }
        }
    }
}
