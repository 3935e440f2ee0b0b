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

    /// <summary>Receives RTP packets until <paramref name="count"/> arrived (or <paramref name="stop"/>); returns (payload type, payload) each.</summary>
    public async Task<List<(int PayloadType, byte[] Payload)>> ReceiveAsync(int count, TimeSpan patience, CancellationToken stop = default) =>
        (await ReceiveTimedAsync(count, patience, stop)).Select(p => (p.PayloadType, p.Payload)).ToList();

    /// <summary>As <see cref="ReceiveAsync"/>, with each packet's arrival time (for what the media clock paces, not counts, under load).</summary>
    public async Task<List<(TimeSpan Arrived, int PayloadType, byte[] Payload)>> ReceiveTimedAsync(int count, TimeSpan patience, CancellationToken stop = default)
    {
        var list = new List<(TimeSpan, int, byte[])>();
        var buffer = new byte[1500];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        cts.CancelAfter(patience);
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
            list.Add((clock.Elapsed, buffer[1] & 0x7F, buffer.AsSpan(offset, n - offset).ToArray()));
        }

        return list;
    }

    public void Dispose() => _socket.Dispose();
}
