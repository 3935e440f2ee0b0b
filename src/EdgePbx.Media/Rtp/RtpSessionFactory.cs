using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Media.Rtp;

/// <summary>Opens sessions on the first free even port of the configured range.</summary>
public sealed class RtpSessionFactory(RtpPortRange range, IPAddress bindAddress, TimeProvider time, ILogger<RtpSessionFactory> logger)
{
    private readonly Random _random = new();

    /// <summary>A session bound in the range, or null when every port is taken (the engine answers 503).</summary>
    public RtpSession? Open(IPEndPoint remote, TimeSpan mediaTimeout, IRtpReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(range);
        foreach (var port in range.EvenPorts())
        {
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

            // RFC 3550 8.1: SSRC is chosen at random.
            return new RtpSession(socket, remote, (uint)_random.NextInt64(1, uint.MaxValue), mediaTimeout, receiver, time, logger);
        }

        return null;
    }
}
