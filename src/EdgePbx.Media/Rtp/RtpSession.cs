using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp.Linux;
using EdgePbx.Media.Rtp.Linux.Kernel;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Media.Rtp;

/// <summary>
/// One leg's RTP over a non-blocking UDP socket. It has no thread: the media clock calls <see cref="Tick"/>
/// every 20 ms to drain what arrived, and the engine calls <see cref="SendFrame"/>. A relayed leg switches to
/// <see cref="ReceiveOnArrival"/>, where each packet is handed up as it lands (a packet must not wait up to
/// 20 ms for the next tick), still with no thread of its own: on Linux an <see cref="RtpIoLoop"/> shared by
/// all sessions receives it, elsewhere the runtime's socket event loop. Buffers and the peer address are
/// allocated once, so steady-state packets allocate nothing.
/// </summary>
public sealed class RtpSession : IDisposable
{
    private const int MaxDatagram = PacketScratch.DatagramBytes;

    private readonly RtpSocket _rtpSocket;
    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private byte[]? _arrivalBuffer; // the socket engine's pending receive (fallback off Linux) only
    private readonly SocketAddress _from;
    private readonly TimeSpan _mediaTimeout;
    private readonly RtpIoLoops? _loops;
    private readonly RtpSocketPool? _pool;
    private readonly Lock _lifetime = new();
    private bool _disposed;
    private bool _receiverFailed;
    private SocketAddress _remote;
    private bool _latched;
    private IPEndPoint? _latchedEndPoint; // the socket engine's source when latched off Linux (compared per packet)
    private bool _otherSourceLogged;
    private long _lastReceived;
    private bool _timedOut;
    private ushort _sequence;
    private uint _timestamp;

    // 0: packets are drained by Tick; 1: arrival mode asked for (the next Tick hands over); 2: arrival mode.
    private int _arrivalMode;
    private RtpSession? _arrivalPartner;

    // Relayed in the kernel: this leg's packets (in), the other leg's sent from this socket (out); see ForwardedDirection.
    private ForwardedDirection? _forwardedIn;
    private ForwardedDirection? _forwardedOut;
    private int _routeEpoch;
    private bool _dropForwardingPending; // a new latch, while a direction's gate may be held: dropped after the packet
    private int _ticksSinceFold;

    internal RtpSession(RtpSocket socket, IPEndPoint remote, uint ssrc, TimeSpan mediaTimeout, IRtpReceiver receiver, TimeProvider time, ILogger logger, RtpIoLoops? loops = null, RtpSocketPool? pool = null, KernelRtpForwarder? forwarder = null)
    {
        Forwarder = forwarder;
        _loops = loops;
        _pool = pool;
        _rtpSocket = socket;
        _socket = socket.Socket;
        _socket.Blocking = false;
        _remote = remote.Serialize();
        _from = new SocketAddress(_socket.AddressFamily);
        Ssrc = ssrc;
        _mediaTimeout = mediaTimeout;
        Receiver = receiver;
        _time = time;
        _logger = logger;
        _lastReceived = time.GetTimestamp();

        // RFC 3550 5.1: sequence and timestamp start at random values.
        _sequence = (ushort)(ssrc >> 16);
        _timestamp = ssrc * 2654435761u;
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        LocalPort = LocalEndPoint.Port;
        SocketHandle = socket.Handle;
        socket.Attach(this);
    }

    /// <summary>
    /// How long the latched source must have been silent before another may take the stream over: a carrier's
    /// media moving to a new server, or a NAT's new mapping, starts sending after the old stream stopped. While
    /// the latched peer streams (every 20 ms) no one else's packets get through.
    /// </summary>
    public static readonly TimeSpan RelatchAfterSilence = TimeSpan.FromSeconds(1);

    public int LocalPort { get; }

    /// <summary>The socket's address (the range's bind address and <see cref="LocalPort"/>).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Who gets this leg's packets; a relay takes over both legs when the call is bridged.</summary>
    public IRtpReceiver Receiver { get; set; }

    public uint Ssrc { get; }

    public byte PayloadType { get; set; }

    public RtpSourceStatistics Statistics { get; } = new();

    public RtpLegCounters Counters { get; } = new();

    /// <summary>Bytes waiting in the socket (lets tests wait for real I/O rather than sleep).</summary>
    public int PendingBytes => _socket.Available;

    public IPEndPoint RemoteEndPoint => (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(_remote);

    /// <summary>
    /// Points the session at a new remote address, e.g. the one an SDP answer gave for an offer we made
    /// before the peer was known, or a re-INVITE. Symmetric latching starts over so the next packet from
    /// behind a NAT still wins. Call it before frames are sent on the media clock, or between calls of it.
    /// </summary>
    public void SetRemoteEndPoint(IPEndPoint remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        Interlocked.Increment(ref _routeEpoch);
        DropForwarding();
        _remote = remote.Serialize();
        Volatile.Write(ref _latched, false);
        _latchedEndPoint = null;
    }

    /// <summary>Sends one frame of audio: sequence +1, timestamp + samples (one G.711 byte per sample).</summary>
    public void SendFrame(ReadOnlySpan<byte> payload, bool marker = false)
    {
        Send(new RtpHeader(marker, PayloadType, _sequence, _timestamp, Ssrc), payload);
        _timestamp += (uint)payload.Length;
    }

    /// <summary>Sends a packet with an explicit payload type and timestamp (RFC 4733 events keep their start timestamp).</summary>
    public void SendEvent(byte payloadType, bool marker, uint timestamp, ReadOnlySpan<byte> payload) =>
        Send(new RtpHeader(marker, payloadType, _sequence, timestamp, Ssrc), payload);

    public uint NextTimestamp => _timestamp;

    /// <summary>Ticks between two folds of the kernel's counts (<see cref="ForwardedDirection"/>): 100 ms.</summary>
    internal const int TicksPerFold = 5;

    /// <summary>The sequence number of the next packet sent.</summary>
    internal ushort NextSequence => _sequence;

    /// <summary>True once a packet from the peer has fixed its address (symmetric RTP).</summary>
    internal bool IsLatched => Volatile.Read(ref _latched);

    /// <summary>Moves on when the peer's address changes (a re-INVITE, a new latch): a route decided before is stale.</summary>
    internal int RouteEpoch => Volatile.Read(ref _routeEpoch);

    /// <summary>The kernel relay of the range this session is bound in, or null (not asked for, or refused).</summary>
    internal KernelRtpForwarder? Forwarder { get; }

    /// <summary>The direction the kernel relays from this leg, or null.</summary>
    internal ForwardedDirection? ForwardedIn => Volatile.Read(ref _forwardedIn);

    /// <summary>
    /// Takes part in <paramref name="direction"/> (as its From leg when <paramref name="inbound"/>, else its To leg),
    /// unless the session ended, already has a direction that way, or its peer changed since <paramref name="epoch"/>.
    /// </summary>
    internal bool TryJoinForwarding(ForwardedDirection direction, bool inbound, int epoch)
    {
        lock (_lifetime)
        {
            ref var slot = ref inbound ? ref _forwardedIn : ref _forwardedOut;
            if (_disposed || slot is not null || RouteEpoch != epoch)
            {
                return false;
            }

            Volatile.Write(ref slot, direction);
            return true;
        }
    }

    /// <summary>Forgets <paramref name="direction"/> (it was removed).</summary>
    internal void LeaveForwarding(ForwardedDirection direction)
    {
        Interlocked.CompareExchange(ref _forwardedIn, null, direction);
        Interlocked.CompareExchange(ref _forwardedOut, null, direction);
    }

    /// <summary>Stops the kernel relaying to or from this leg (both directions): its packets come up to the socket again.</summary>
    internal void DropForwarding()
    {
        Volatile.Read(ref _forwardedIn)?.Remove();
        Volatile.Read(ref _forwardedOut)?.Remove();
    }

    /// <summary>After the kernel sent packets as this leg's stream: this leg's own numbering goes on after them.</summary>
    internal void ContinueStream(ushort nextSequence, uint nextTimestamp)
    {
        _sequence = nextSequence;
        if ((int)(nextTimestamp - _timestamp) > 0)
        {
            _timestamp = nextTimestamp;
        }
    }

    /// <summary>
    /// Sends a packet numbered by the caller (a relayed direction the kernel also forwards in: the same shifts
    /// number both), and goes on from it.
    /// </summary>
    internal void SendNumbered(byte payloadType, bool marker, ushort sequence, uint timestamp, ReadOnlySpan<byte> payload, bool audio)
    {
        Send(new RtpHeader(marker, payloadType, sequence, timestamp, Ssrc), payload);
        _sequence = (ushort)(sequence + 1);
        if (audio && (int)(timestamp + (uint)payload.Length - _timestamp) > 0)
        {
            _timestamp = timestamp + (uint)payload.Length;
        }
    }

    /// <summary>The SSRC of the last valid packet received (0 before any).</summary>
    public uint RemoteSsrc { get; private set; }

    /// <summary>
    /// RFC 3550 6.4.1 report block about the remote source, for an SR/RR and for the call record
    /// (taking it starts a new fraction-lost interval, A.3). LSR/DLSR are left 0: we do not track their SRs yet.
    /// </summary>
    public RtcpReportBlock TakeReportBlock() =>
        new(RemoteSsrc, Statistics.TakeFractionLost(), Statistics.CumulativeLost, Statistics.ExtendedHighestSequence, Statistics.Jitter, 0, 0);

    /// <summary>True once packets are handed up as they arrive rather than on the clock's ticks.</summary>
    public bool ReceivesOnArrival => Volatile.Read(ref _arrivalMode) == 2;

    /// <summary>
    /// From the next <see cref="Tick"/> on, hands each packet to <see cref="Receiver"/> as soon as it arrives,
    /// on a receive thread shared by many sessions (an <see cref="RtpIoLoop"/> on Linux, the runtime's socket
    /// completion thread elsewhere), instead of once per tick; Tick then only watches the media timeout. The
    /// hand-over happens inside Tick, after a last drain, so the clock thread and the receive thread never read
    /// the socket at the same time. The receiver must then accept calls from that thread; <see cref="RtpRelay"/>
    /// does (it transcodes into the calling thread's scratch buffer).
    /// </summary>
    public void ReceiveOnArrival() => Interlocked.CompareExchange(ref _arrivalMode, 1, 0);

    /// <summary>
    /// As <see cref="ReceiveOnArrival()"/>, on the I/O thread that receives for <paramref name="partner"/> once it has
    /// one (a relay's other leg: both directions of the call then run on one thread, see <see cref="RtpSocket.ReceiveOnArrival"/>).
    /// </summary>
    internal void ReceiveOnArrival(RtpSession partner)
    {
        Volatile.Write(ref _arrivalPartner, partner);
        ReceiveOnArrival();
    }

    /// <summary>
    /// Starts the media timeout afresh from now, as if a packet had just arrived: after a hold (RFC 3264 8.4:
    /// an inactive or recvonly peer sends nothing) the silence of the hold does not count against the peer.
    /// </summary>
    public void RestartMediaTimeout()
    {
        Volatile.Write(ref _lastReceived, _time.GetTimestamp());
        Volatile.Write(ref _timedOut, false);
    }

    /// <summary>Called by the media clock: drain datagrams, hand valid RTP up, raise the media timeout once.</summary>
    public void Tick()
    {
        // A tick that raced the end of the call must not read the socket: it now rests in the pool, and draining
        // it would hide a stray stream from the pool's quiet check.
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        var now = _time.GetTimestamp();
        var mode = Volatile.Read(ref _arrivalMode);
        if (mode != 2)
        {
            Drain(now);
            DropForwardingIfRelatched();
        }

        // What the kernel relayed, taken in every few ticks (each fold dates the kernel's last packet itself, so
        // the media timeout and relatching stay exact; thousands of legs folding every 20 ms cost 5 % of a core).
        if (Volatile.Read(ref _forwardedIn) is { } forwarded && ++_ticksSinceFold >= TicksPerFold)
        {
            _ticksSinceFold = 0;
            lock (forwarded.Gate)
            {
                FoldForwarded(forwarded, now);
            }
        }

        if (mode == 1)
        {
            Volatile.Write(ref _arrivalMode, 2);
            StartArrival();
        }

        if (!Volatile.Read(ref _timedOut) && _time.GetElapsedTime(Volatile.Read(ref _lastReceived), now) >= _mediaTimeout)
        {
            Volatile.Write(ref _timedOut, true);
            RtpLog.MediaTimeout(_logger, LocalPort, _mediaTimeout.TotalSeconds);
            Receiver.OnMediaTimeout(this);
        }
    }

    public void Dispose()
    {
        lock (_lifetime)
        {
            if (_disposed)
            {
                return; // twice would hand the socket to the pool twice
            }

            // The I/O loop stops reading for this session (the socket stays in its epoll set while it rests in the
            // pool). A datagram the loop had already read may still be handed up while this runs (as with the
            // socket engine's completions); OnDatagram drops any it sees after this flag.
            Volatile.Write(ref _disposed, true);
            DropForwarding(); // before the port can serve another call
            _rtpSocket.Detach(this);
            if (_pool is not null && _arrivalBuffer is null)
            {
                _pool.Return(_rtpSocket);
            }
            else
            {
                // The socket engine's pending receive (off Linux) ends only when its socket closes.
                _rtpSocket.Dispose();
            }
        }
    }

    /// <summary>The I/O loop that receives for this session's socket, once it has one (tests).</summary>
    internal RtpIoLoop? IoLoop => _rtpSocket.Loop;

    /// <summary>The socket's handle, for the I/O loop to add-ref around its system calls.</summary>
    internal SafeSocketHandle SocketHandle { get; }

    /// <summary>A datagram the I/O loop received for this session, and the address it came from (a raw sockaddr).</summary>
    internal void OnDatagram(ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> source, bool truncated)
    {
        // Received in the batch the loop read just before Dispose closed the socket: the call is over.
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        if (truncated)
        {
            Counters.Invalid++;
            return;
        }

        var size = Math.Min(source.Length, _from.Buffer.Length);
        source[..size].CopyTo(_from.Buffer.Span);
        _from.Size = size;
        HandleArrived(datagram, null);
    }

    private void StartArrival()
    {
        var loops = _loops ?? RtpIoLoops.Shared;
        if (loops is null)
        {
            StartReceivingOnArrival();
            return;
        }

        lock (_lifetime)
        {
            if (!_disposed)
            {
                _rtpSocket.ReceiveOnArrival(this, loops, Volatile.Read(ref _arrivalPartner)?._rtpSocket.Loop);
            }
        }
    }

    private void Drain(long now)
    {
        while (_socket.Available > 0)
        {
            var buffer = PacketScratch.Receive;
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, _from);
            }
            catch (SocketException)
            {
                // ICMP port unreachable from an earlier send surfaces here on Linux; it is not fatal.
                continue;
            }

            Handle(buffer.AsSpan(0, length), now);
        }
    }

    /// <summary>
    /// Arrival mode: one pending receive per session, resumed by the runtime's socket event loop. Socket events
    /// rather than an awaited receive: closing the socket ends the loop with an error code, not an exception
    /// (two thrown and caught per relayed call were 1.5 % of the daemon's CPU under call load).
    /// </summary>
    private void StartReceivingOnArrival()
    {
        var args = new SocketAsyncEventArgs { UserToken = this };
        _arrivalBuffer = new byte[MaxDatagram];
        args.SetBuffer(_arrivalBuffer, 0, _arrivalBuffer.Length);
        args.RemoteEndPoint = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        args.Completed += static (_, e) => ((RtpSession)e.UserToken!).OnArrived(e);
        ReceiveNext(args);
    }

    private void OnArrived(SocketAsyncEventArgs args)
    {
        if (Arrived(args))
        {
            ReceiveNext(args);
        }
    }

    // Receives that complete at once are handled in this loop (no recursion); a pending one resumes in OnArrived.
    private void ReceiveNext(SocketAsyncEventArgs args)
    {
        while (true)
        {
            try
            {
                if (_socket.ReceiveFromAsync(args))
                {
                    return;
                }
            }
            catch (ObjectDisposedException)
            {
                args.Dispose();
                return;
            }

            if (!Arrived(args))
            {
                return;
            }
        }
    }

    /// <summary>Handles one completed receive; false when the socket is closed (the loop ends).</summary>
    private bool Arrived(SocketAsyncEventArgs args)
    {
        switch (args.SocketError)
        {
            case SocketError.Success:
                HandleArrived(_arrivalBuffer.AsSpan(0, args.BytesTransferred), args.RemoteEndPoint);
                return true;
            case SocketError.ConnectionReset or SocketError.ConnectionRefused:
                // ICMP port unreachable from an earlier send, as in Drain.
                return true;
            default:
                args.Dispose();
                return false;
        }
    }

    /// <summary>
    /// A packet received on arrival (I/O loop or socket engine thread): a receiver's fault must not take the
    /// process down nor stop the call's media; it is logged once per session and the next packet goes up again.
    /// </summary>
    private void HandleArrived(ReadOnlySpan<byte> packet, EndPoint? arrivedFrom)
    {
        try
        {
            var now = _time.GetTimestamp();
            if (Volatile.Read(ref _forwardedIn) is { } forwarded)
            {
                // A packet the kernel left to us (an event, another source): its numbers follow the kernel's.
                lock (forwarded.Gate)
                {
                    FoldForwarded(forwarded, now);
                    Handle(packet, now, arrivedFrom);
                }
            }
            else
            {
                Handle(packet, now, arrivedFrom);
            }

            DropForwardingIfRelatched();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!_receiverFailed)
            {
                _receiverFailed = true;
                RtpLog.ReceiverFailed(_logger, LocalPort, e);
            }
        }
    }

    private void DropForwardingIfRelatched()
    {
        if (Volatile.Read(ref _dropForwardingPending))
        {
            Volatile.Write(ref _dropForwardingPending, false);
            DropForwarding();
        }
    }

    // Caller holds the direction's gate.
    private void FoldForwarded(ForwardedDirection forwarded, long now)
    {
        if (forwarded.FoldLocked())
        {
            // When the kernel's last packet came, not when the tick noticed (a slow tick may be frames late).
            var age = (long)(forwarded.LastPacketAge.TotalSeconds * _time.TimestampFrequency);
            Volatile.Write(ref _lastReceived, Math.Max(Volatile.Read(ref _lastReceived), now - age));
            Volatile.Write(ref _timedOut, false);
        }
    }

    private void Handle(ReadOnlySpan<byte> packet, long now, EndPoint? arrivedFrom = null)
    {
        var length = packet.Length;
        if (RtpPacket.LooksLikeRtcp(packet) || !RtpPacket.TryParse(packet, out var header, out var offset, out var payloadLength))
        {
            Counters.Invalid++;
            return;
        }

        if (!FromPeer(arrivedFrom, now))
        {
            Counters.FromOtherSources++;
            return;
        }

        Volatile.Write(ref _lastReceived, now);
        Volatile.Write(ref _timedOut, false);
        Counters.PacketsReceived++;
        Counters.BytesReceived += length;
        Statistics.UpdateJitter((uint)(_time.GetElapsedTime(0, now).Ticks / (TimeSpan.TicksPerMillisecond / 8)), header.Timestamp);
        if (Statistics.UpdateSequence(header.SequenceNumber))
        {
            RemoteSsrc = header.Ssrc;
            Receiver.OnRtp(this, header, packet.Slice(offset, payloadLength));
        }
    }

    /// <summary>
    /// Strict symmetric RTP (RFC 4961): the first packet's source becomes the peer, whatever the SDP said (behind
    /// NAT it differs), and from then on packets from anyone else are dropped, so a stray or hostile sender can
    /// neither take the stream over nor mix its audio into the call. A new source wins only once the latched one
    /// has been silent for <see cref="RelatchAfterSilence"/>, or after <see cref="SetRemoteEndPoint"/>.
    /// </summary>
    /// <param name="arrivedFrom">The source of a packet the socket engine received (off Linux); null: the one in <c>_from</c>.</param>
    private bool FromPeer(EndPoint? arrivedFrom, long now)
    {
        if (_latched)
        {
            if (arrivedFrom is null ? _from.Equals(Volatile.Read(ref _remote)) : arrivedFrom.Equals(_latchedEndPoint ??= RemoteEndPoint))
            {
                return true;
            }

            if (_time.GetElapsedTime(Volatile.Read(ref _lastReceived), now) < RelatchAfterSilence)
            {
                if (!_otherSourceLogged)
                {
                    _otherSourceLogged = true;
                    RtpLog.OtherSource(_logger, LocalPort, arrivedFrom ?? new IPEndPoint(IPAddress.Any, 0).Create(_from), RemoteEndPoint);
                }

                return false;
            }
        }

        Latch(arrivedFrom);
        return true;
    }

    private void Latch(EndPoint? arrivedFrom)
    {
        Volatile.Write(ref _latched, true);
        _latchedEndPoint = arrivedFrom as IPEndPoint;
        var from = arrivedFrom?.Serialize() ?? _from;
        if (!from.Equals(_remote))
        {
            // A new peer: what the kernel relays to or from the old one stops, once this packet is handled (here
            // the gate of this leg's direction may be held, and taking the other direction's could deadlock with
            // the other leg doing the same).
            // The kernel stops sending to the old peer now, though (a memory write, no gate).
            Interlocked.Increment(ref _routeEpoch);
            Volatile.Write(ref _dropForwardingPending, true);
            Volatile.Read(ref _forwardedOut)?.Halt();

            // Filled before it is published: in arrival mode the other leg's thread may be sending to it.
            var latched = new SocketAddress(from.Family, from.Size);
            from.Buffer.CopyTo(latched.Buffer);
            Volatile.Write(ref _remote, latched);
            RtpLog.Latched(_logger, LocalPort, RemoteEndPoint);
        }
    }

    private void Send(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (Volatile.Read(ref _disposed))
        {
            return; // the socket is another session's to come
        }

        var buffer = PacketScratch.Send;
        var length = RtpPacket.Write(buffer, header, payload);
        _sequence++;
        if (TrySend(buffer.AsSpan(0, length), Volatile.Read(ref _remote)))
        {
            Counters.PacketsSent++;
            Counters.BytesSent += length;
        }
        else
        {
            Counters.SendErrors++;
        }
    }

    // On Linux one raw sendto (DatagramSender); elsewhere the runtime's, whose errors are exceptions.
    private bool TrySend(ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        if (OperatingSystem.IsLinux())
        {
            return DatagramSender.TrySendTo(SocketHandle, datagram, to);
        }

        try
        {
            _socket.SendTo(datagram, SocketFlags.None, to);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
