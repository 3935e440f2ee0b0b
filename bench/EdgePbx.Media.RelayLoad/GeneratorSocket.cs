using System.Net;
using System.Net.Sockets;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// The generator's one UDP socket on loopback, unconnected, so that each message of a sendmmsg(2) can go to a
/// different leg of the relay; the relay latches every leg onto it (symmetric RTP) and answers here. Buffers
/// are made large so that a slot's burst is not dropped by the generator's own socket.
/// </summary>
internal sealed class GeneratorSocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public GeneratorSocket()
    {
        _socket.ReceiveBufferSize = 4 << 20;
        _socket.SendBufferSize = 4 << 20;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        // The kernel stamps every datagram as it reaches the socket (see TimestampedReceiveBatch).
        var (level, name) = TimestampedReceiveBatch.TimestampOption;
        _socket.SetRawSocketOption(level, name, BitConverter.GetBytes(1));
        Handle = _socket.SafeHandle;
    }

    public SafeSocketHandle Handle { get; }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public void Dispose() => _socket.Dispose();
}
