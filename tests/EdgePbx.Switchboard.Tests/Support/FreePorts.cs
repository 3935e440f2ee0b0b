using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>Loopback ports nobody holds right now (for sipp and the stack).</summary>
public static class FreePorts
{
    public static int Udp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>An even port whose odd neighbour is free too (sipp's media takes RTP and RTCP).</summary>
    public static int EvenPair()
    {
        for (var i = 0; i < 50; i++)
        {
            var p = Udp() & ~1;
            if (p > 1024 && IsFree(p) && IsFree(p + 1))
            {
                return p;
            }
        }

        throw new InvalidOperationException("no free even UDP port pair on loopback");
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
