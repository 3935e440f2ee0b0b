using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Threading;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Sip.Transport;

/// <summary>
/// UDP and TCP listeners (IPv4, IPv6 or dual mode) that parse what arrives, answer malformed
/// requests with 400 and the reason, and deliver good messages to an <see cref="ISipMessageReceiver"/>.
/// </summary>
public sealed class SipTransportLayer : IAsyncDisposable
{
    private readonly SipTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<Socket> _udp = [];
    private readonly List<Socket> _tcp = [];
    private readonly List<IPEndPoint> _bound = [];
    private readonly ConcurrentDictionary<long, TcpConnection> _connections = new();
    private readonly ConcurrentBag<Task> _connectionTasks = [];
    private ISipMessageReceiver? _receiver;
    private CancellationToken _runToken;
    private long _nextConnectionId;

    public SipTransportLayer(SipTransportOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger<SipTransportLayer>();
    }

    /// <summary>The addresses actually bound (with the real port when port 0 was asked for).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints => _bound;

    public int TcpConnectionCount => _connections.Count;

    /// <summary>
    /// Binds UDP and then TCP on the same port for every configured endpoint. Throws
    /// <see cref="SocketException"/> (e.g. AddressAlreadyInUse) so start-up can report it.
    /// </summary>
    public void Bind()
    {
        try
        {
            foreach (var ep in new[] { _options.EndPoint }.Concat(_options.AdditionalEndPoints))
            {
                // Port 0 (tests, load runs) lets the system pick the UDP port, and that number may be taken for TCP
                // (an outgoing connection's local port): then another pair is tried. A fixed port fails at once.
                for (var attempt = 1; ; attempt++)
                {
                    var udp = NewSocket(ep, SocketType.Dgram, ProtocolType.Udp);
                    _udp.Add(udp);
                    udp.Bind(ep);
                    var actual = (IPEndPoint)udp.LocalEndPoint!;
                    var tcp = NewSocket(ep, SocketType.Stream, ProtocolType.Tcp);
                    _tcp.Add(tcp);
                    try
                    {
                        tcp.Bind(actual);
                    }
                    catch (SocketException e) when (ep.Port == 0 && attempt < 20 && e.SocketErrorCode == SocketError.AddressAlreadyInUse)
                    {
                        _tcp.Remove(tcp);
                        tcp.Dispose();
                        _udp.Remove(udp);
                        udp.Dispose();
                        continue;
                    }

                    tcp.Listen(128);
                    _bound.Add(actual);
                    TransportLog.Listening(_logger, "UDP+TCP", actual);
                    break;
                }
            }
        }
        catch
        {
            CloseSockets();
            throw;
        }
    }

    /// <summary>Runs every receive and accept loop until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(ISipMessageReceiver receiver, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        if (_bound.Count == 0)
        {
            throw new InvalidOperationException("Bind() first.");
        }

        _receiver = receiver;
        _runToken = ct;
        var loops = _udp.Select((s, i) => StartUdpReceiver(s, _bound[i], ct))
            .Concat(_tcp.Select(s => Task.Run(() => AcceptLoopAsync(s, ct), CancellationToken.None)))
            .ToList();
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        finally
        {
            foreach (var c in _connections.Values)
            {
                c.Close();
            }

            await Task.WhenAll(_connectionTasks).ConfigureAwait(false);
        }
    }

    /// <summary>Sends bytes to a peer: over UDP, or TCP on the peer's connection (a new one if it has gone).</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data, SipPeer target, CancellationToken ct)
    {
        try
        {
            if (target.Transport == SipTransportKind.Udp)
            {
                var socket = PickUdpSocket(target.EndPoint, out var to);
                if (socket is null)
                {
                    return false;
                }

                // A datagram send does not wait on the peer: done on the caller's thread, no trip through the
                // socket engine (the blocking socket waits only while its send buffer is full).
                socket.SendTo(data.Span, SocketFlags.None, to);
                return true;
            }

            var connection = FindConnection(target) ?? await ConnectAsync(target.EndPoint, ct).ConfigureAwait(false);
            return await connection.SendAsync(data, ct).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            TransportLog.SendFailed(_logger, target.ToString(), e.Message);
            return false;
        }
    }

    /// <summary>Sends a response where RFC 3261 18.2.2 says it goes.</summary>
    public ValueTask<bool> SendResponseAsync(SipInbound request, ReadOnlyMemory<byte> response, CancellationToken ct) =>
        SendAsync(response, ResponseRouter.Route(request), ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connections.Values)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }

        CloseSockets();
    }

    /// <summary>
    /// One thread per UDP socket, blocked in recvfrom: a datagram is parsed and handed to the receiver on this
    /// thread, with no hop through the runtime's socket engine and thread pool (recvfrom, EAGAIN, epoll, a
    /// pool thread, recvfrom again per datagram), which was a fifth of the daemon's CPU in the call load run.
    /// The receiver only queues (<see cref="ISipMessageReceiver"/>), so the thread is soon back in recvfrom.
    /// </summary>
    private Task StartUdpReceiver(Socket socket, IPEndPoint local, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                UdpReceiveLoop(socket, local, ct);
            }
            finally
            {
                done.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "SIP UDP " + local.Port,
        };
        thread.Start();
        return done.Task;
    }

    private void UdpReceiveLoop(Socket socket, IPEndPoint local, CancellationToken ct)
    {
        var sources = new SourceEndPoints(local.AddressFamily);
        var from = new SocketAddress(socket.AddressFamily);
        var buffer = ArrayPool<byte>.Shared.Rent(65_536);

        // A stop shuts the socket's receiving side: the blocked recvfrom returns, sends still work (calls being
        // ended by the stop send their BYEs through this socket).
        using var stop = ct.Register(static s => ShutDownReceiving((Socket)s!), socket);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = socket.ReceiveFrom(buffer, SocketFlags.None, from);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    continue;
                }

                if (ct.IsCancellationRequested)
                {
                    break;
                }

                var remote = sources.Get(from);
                SipThreadWork.Begin();
                try
                {
                    var handled = HandleDatagramAsync(buffer.AsMemory(0, length), new SipPeer(SipTransportKind.Udp, remote), local, ct);
                    if (!handled.IsCompletedSuccessfully)
                    {
                        handled.AsTask().GetAwaiter().GetResult();
                    }
                }
                finally
                {
                    SipThreadWork.RunDeferred();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        catch (ObjectDisposedException)
        {
            // socket closed
        }
        catch (SocketException e)
        {
            TransportLog.ReceiveError(_logger, "UDP", e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ShutDownReceiving(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Receive);
        }
        catch (SocketException)
        {
            // Linux answers ENOTCONN for an unconnected UDP socket, yet marks it shut and wakes the receiver.
        }
        catch (ObjectDisposedException)
        {
            // already closed: the receive has returned
        }
    }

    private async ValueTask HandleDatagramAsync(ReadOnlyMemory<byte> datagram, SipPeer source, IPEndPoint local, CancellationToken ct)
    {
        // RFC 5626 4.4.1: CRLF keep-alives over UDP carry no message.
        if (datagram.Span.Trim("\r\n"u8).IsEmpty)
        {
            return;
        }

        // The receive buffer is reused, so a message that will outlive this call gets its own copy.
        var copy = datagram.ToArray();
        await DeliverAsync(copy, source, local, isDatagram: true, ct).ConfigureAwait(false);
    }

    private async ValueTask DeliverAsync(ReadOnlyMemory<byte> data, SipPeer source, IPEndPoint local, bool isDatagram, CancellationToken ct)
    {
        var result = SipParser.Parse(data, _options.Limits, isDatagram);
        if (result.Message is { } message)
        {
            try
            {
                _receiver!.OnMessage(new SipInbound(message, source, local));
            }
#pragma warning disable CA1031 // A bug above must cost one message, never the receive loop (the daemon would go deaf).
            catch (Exception e)
#pragma warning restore CA1031
            {
                TransportLog.ReceiverFailed(_logger, source.ToString(), e);
            }

            return;
        }

        TransportLog.Refused(_logger, source.ToString(), result.Error!.ToString());
        var response = MalformedRequestResponder.TryBuildResponse(data.Span, result.Error);
        if (response is not null)
        {
            // The Via of a malformed request cannot be trusted: answer the packet's source.
            await SendAsync(response, source, ct).ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(ct).ConfigureAwait(false);
                if (_connections.Count >= _options.MaxTcpConnections)
                {
                    TransportLog.TcpLimit(_logger, _options.MaxTcpConnections, socket.RemoteEndPoint);
                    socket.Dispose();
                    continue;
                }

                StartConnection(socket, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        catch (ObjectDisposedException)
        {
            // listener closed
        }
        catch (SocketException e)
        {
            TransportLog.ReceiveError(_logger, "TCP", e.Message);
        }
    }

    private TcpConnection StartConnection(Socket socket, CancellationToken ct)
    {
        socket.NoDelay = true;
        var connection = new TcpConnection(Interlocked.Increment(ref _nextConnectionId), socket, _options, _time, _logger);
        _connections[connection.Id] = connection;
        _connectionTasks.Add(Task.Run(
            async () =>
            {
                try
                {
                    await connection.RunAsync(OnTcpMessageAsync, ct).ConfigureAwait(false);
                }
                finally
                {
                    _connections.TryRemove(connection.Id, out _);
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            },
            CancellationToken.None));
        return connection;
    }

    private ValueTask OnTcpMessageAsync(ReadOnlyMemory<byte> frame, TcpConnection connection) =>
        DeliverAsync(frame.ToArray(), connection.Peer with { EndPoint = Normalize(connection.Remote) }, connection.Local, isDatagram: false, _runToken);

    private TcpConnection? FindConnection(SipPeer target)
    {
        if (target.ConnectionId != 0 && _connections.TryGetValue(target.ConnectionId, out var byId) && !byId.IsClosed)
        {
            return byId;
        }

        return _connections.Values.FirstOrDefault(c => !c.IsClosed && Normalize(c.Remote).Equals(target.EndPoint));
    }

    private async ValueTask<TcpConnection> ConnectAsync(IPEndPoint remote, CancellationToken ct)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(remote, ct).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return StartConnection(socket, _runToken);
    }

    private Socket? PickUdpSocket(IPEndPoint target, out IPEndPoint to)
    {
        to = target;
        foreach (var s in _udp)
        {
            if (s.AddressFamily == target.AddressFamily)
            {
                return s;
            }
        }

        foreach (var s in _udp)
        {
            if (s.AddressFamily == AddressFamily.InterNetworkV6 && s.DualMode && target.AddressFamily == AddressFamily.InterNetwork)
            {
                to = new IPEndPoint(target.Address.MapToIPv6(), target.Port);
                return s;
            }
        }

        return null;
    }

    /// <summary>An IPv4 peer seen on a dual-stack socket as an IPv4 endpoint, as every endpoint of the stack is compared.</summary>
    internal static IPEndPoint Normalize(IPEndPoint ep) =>
        ep.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ep.Address.MapToIPv4(), ep.Port) : ep;

    private static Socket NewSocket(IPEndPoint ep, SocketType type, ProtocolType protocol)
    {
        var s = new Socket(ep.AddressFamily, type, protocol);
        if (ep.AddressFamily == AddressFamily.InterNetworkV6 && ep.Address.Equals(IPAddress.IPv6Any))
        {
            s.DualMode = true;
        }

        // No ReuseAddress: on Linux .NET maps it to SO_REUSEPORT too, which would let a second daemon
        // share the port instead of failing with AddressAlreadyInUse.
        return s;
    }

    private void CloseSockets()
    {
        foreach (var s in _udp.Concat(_tcp))
        {
            s.Dispose();
        }
    }
}
