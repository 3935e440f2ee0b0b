using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace EdgePbx.TestSupport;

/// <summary>Loopback ports nobody holds at the moment of asking (for sipp, brokers and the stack under test).</summary>
public static class FreePorts
{
    public static int Udp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public static int Tcp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>A port free for both UDP and TCP (SIP binds both).</summary>
    public static int UdpAndTcp()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Tcp();
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no free loopback port for both UDP and TCP");
    }

    /// <summary>
    /// An even UDP port with the <paramref name="count"/> - 1 ports above it free too: sipp's media takes RTP and
    /// RTCP (2), and with audio and its own RTP stream both pairs (4).
    /// </summary>
    public static int EvenPair(int count = 2)
    {
        for (var i = 0; i < 50; i++)
        {
            var p = Udp() & ~1;
            if (p > 1024 && Enumerable.Range(p, count).All(IsFree))
            {
                return p;
            }
        }

        throw new InvalidOperationException($"no {count} free UDP ports in a row from an even one on loopback");
    }

    /// <summary>True once something listens on the UDP port (a sipp UAS has started).</summary>
    public static bool IsBound(int port) => IPGlobalProperties.GetIPGlobalProperties().GetActiveUdpListeners().Any(e => e.Port == port);

    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
