using System.Net;
using System.Net.Sockets;

namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>The caller's RTP port: collects what the box sends (early media, relayed audio).</summary>
public sealed class CallerRtpListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public CallerRtpListener()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, FreePorts.EvenPair()));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>Receives RTP packets until <paramref name="count"/> arrived; returns (payload type, payload) each.</summary>
    public async Task<List<(int PayloadType, byte[] Payload)>> ReceiveAsync(int count, TimeSpan patience)
    {
        var list = new List<(int, byte[])>();
        var buffer = new byte[1500];
        using var cts = new CancellationTokenSource(patience);
        while (list.Count < count)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (n < 12 || (buffer[0] >> 6) != 2)
            {
                continue;
            }

            var cc = buffer[0] & 0x0F;
            var offset = 12 + (4 * cc);
            list.Add((buffer[1] & 0x7F, buffer.AsSpan(offset, n - offset).ToArray()));
        }

        return list;
    }

    public void Dispose() => _socket.Dispose();
}
