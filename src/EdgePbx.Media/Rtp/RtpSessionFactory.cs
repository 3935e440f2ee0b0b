using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp.Linux;
using EdgePbx.Media.Rtp.Linux.Kernel;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Media.Rtp;

/// <summary>
/// Opens sessions on free even ports of the configured range. The search starts after the port handed out
/// last and wraps around, so with calls coming and going the next port tried is nearly always free: a search
/// from the bottom of the range tried (and failed to bind, with an exception each) every port in use first,
/// which the load run (bench/calls) found taking a third of the daemon's CPU at 100 calls/s.
/// Relayed sessions receive on the process-wide <see cref="RtpIoLoops.Shared"/> unless given loops of their own.
/// Ended sessions give their socket back to an <see cref="RtpSocketPool"/>, which hands it out again once it has
/// rested; a port is searched for only when no rested socket waits.
/// With EDGEPBX_RTP_KERNEL_FORWARD=1 the factory also loads the kernel relay for its range (<see cref="KernelRtpForwarder"/>),
/// which relayed calls then use; the outcome is logged at start-up.
/// </summary>
public sealed class RtpSessionFactory(RtpPortRange range, IPAddress bindAddress, TimeProvider time, ILogger<RtpSessionFactory> logger) : IDisposable
{
    private readonly RtpSocketPool _pool = new(time);

    /// <summary>
    /// Asked for real-time RTP threads (EDGEPBX_RTP_REALTIME_PRIORITY): the shared loops start with the factory, so
    /// whether they got the priority is in the log at start-up (the daemon makes one), not at the first relayed
    /// call. 0: they did; an errno: they run as ordinary threads; null: not asked.
    /// </summary>
    internal int? RealtimeError { get; } = ReportRealtime(logger);

    private readonly RtpIoLoops? _loops;

    private readonly KernelRtpForwarder? _forwarder = KernelRtpForwarder.Requested ? OpenForwarder(range, bindAddress, logger) : null;

    /// <summary>As the primary constructor, relaying in the kernel when <paramref name="kernelRelay"/> (and the kernel lets us) whatever EDGEPBX_RTP_KERNEL_FORWARD says.</summary>
    public RtpSessionFactory(RtpPortRange range, IPAddress bindAddress, TimeProvider time, ILogger<RtpSessionFactory> logger, bool kernelRelay)
        : this(range, bindAddress, time, logger)
    {
        if (kernelRelay && _forwarder is null)
        {
            _forwarder = OpenForwarder(range, bindAddress, logger);
        }
    }

    /// <summary>Sessions from this factory receive on <paramref name="loops"/> (tests, benchmarks).</summary>
    internal RtpSessionFactory(RtpPortRange range, IPAddress bindAddress, TimeProvider time, ILogger<RtpSessionFactory> logger, RtpIoLoops loops)
        : this(range, bindAddress, time, logger)
    {
        _loops = loops;
    }

    /// <summary>As above, relaying in the kernel when <paramref name="kernelForwarding"/> (and the kernel lets us).</summary>
    internal RtpSessionFactory(RtpPortRange range, IPAddress bindAddress, TimeProvider time, ILogger<RtpSessionFactory> logger, RtpIoLoops loops, bool kernelForwarding)
        : this(range, bindAddress, time, logger, kernelForwarding)
    {
        _loops = loops;
    }

    /// <summary>The kernel relay relayed calls use, or null (not asked for, or refused: the log says why).</summary>
    internal KernelRtpForwarder? Forwarder => _forwarder;

    private readonly Random _random = new();
    private readonly Lock _cursorLock = new();
    private int _next = -1;

    /// <summary>A session bound in the range, or null when every port is taken (the engine answers 503).</summary>
    public RtpSession? Open(IPEndPoint remote, TimeSpan mediaTimeout, IRtpReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (_pool.Take() is { } rested)
        {
            return NewSession(rested, remote, mediaTimeout, receiver);
        }

        // Every port taken: a socket still resting, else (the pool closed the noisy ones) a port they freed.
        var socket = Bind() ?? _pool.Take(restedOrNot: true) ?? Bind();
        return socket is null ? null : NewSession(socket, remote, mediaTimeout, receiver);
    }

    private static KernelRtpForwarder? OpenForwarder(RtpPortRange range, IPAddress bindAddress, ILogger logger)
    {
        var forwarder = KernelRtpForwarder.Open(range, bindAddress, out var error);
        if (forwarder is null)
        {
            RtpLog.KernelForwardingRefused(logger, error ?? "unknown");
        }
        else
        {
            RtpLog.KernelForwarding(logger, range.First, range.Last, forwarder.Interfaces);
        }

        return forwarder;
    }

    private static int? ReportRealtime(ILogger logger)
    {
        var priority = RtpIoLoops.RequestedRealtimePriority;
        if (priority == 0 || RtpIoLoops.Shared is not { } loops)
        {
            return null;
        }

        var error = loops.RealtimeError;
        if (error == 0)
        {
            RtpLog.RealtimeIo(logger, priority);
        }
        else
        {
            RtpLog.RealtimeIoRefused(logger, priority, error ?? 0);
        }

        return error;
    }

    /// <summary>Sockets of ended sessions waiting to be used again (tests).</summary>
    internal int PooledSockets => _pool.Count;

    public void Dispose()
    {
        _pool.Dispose();
        _forwarder?.Dispose();
    }

    // A socket bound on the next free even port after the last one handed out, or null when every port is taken.
    private RtpSocket? Bind()
    {
        var first = range.First + (range.First % 2);
        var count = range.Last < first ? 0 : ((range.Last - first) / 2) + 1;
        for (var tried = 0; tried < count; tried++)
        {
            int port;
            lock (_cursorLock)
            {
                _next = (_next + 1) % count;
                port = first + (2 * _next);
            }

            var socket = new Socket(bindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.Bind(new IPEndPoint(bindAddress, port));
            }
            catch (SocketException)
            {
                socket.Dispose();
                RtpLog.PortBusy(logger, port);
                continue;
            }

            return new RtpSocket(socket);
        }

        return null;
    }

    private RtpSession NewSession(RtpSocket socket, IPEndPoint remote, TimeSpan mediaTimeout, IRtpReceiver receiver)
    {
        // RFC 3550 8.1: SSRC is chosen at random.
        uint ssrc;
        lock (_cursorLock)
        {
            ssrc = (uint)_random.NextInt64(1, uint.MaxValue);
        }

        return new RtpSession(socket, remote, ssrc, mediaTimeout, receiver, time, logger, _loops, _pool, _forwarder);
    }
}
