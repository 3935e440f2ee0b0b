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

    /// <summary>
    /// Speaks too: once the box's first packet arrives, sends a 20 ms PCMU frame of <paramref name="fill"/> every
    /// 20 ms back to where it came from (symmetric RTP, as a carrier's media gateway does) until <paramref name="stop"/>.
    /// Runs beside <see cref="ReceiveAsync"/> on the same socket.
    /// </summary>
    public async Task StreamBackAsync(byte fill, CancellationToken stop)
    {
        var buffer = new byte[1500];
        EndPoint box = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            box = (await _socket.ReceiveFromAsync(buffer, SocketFlags.None, box, stop)).RemoteEndPoint;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var packet = new byte[172];
        packet[0] = 0x80;
        packet.AsSpan(8, 4).Fill(0x5A); // SSRC
        packet.AsSpan(12).Fill(fill);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        for (ushort sequence = 1; !stop.IsCancellationRequested; sequence++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 160u);
            await _socket.SendToAsync(packet, SocketFlags.None, box);
            try
            {
                await timer.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
