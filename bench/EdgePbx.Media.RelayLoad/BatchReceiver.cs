using System.Buffers.Binary;
using EdgePbx.Media.Rtp.Linux;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// Receives what the relay sends back on the generator socket and reads leg, frame and send time from each
/// payload. It polls: recvmmsg(2) with MSG_DONTWAIT until the socket is empty, then a 1 ms sleep. A receiver
/// blocked in recv makes every send into its socket wake it, and on loopback that wake-up runs in the sender's
/// system call, so a blocking generator charged the relay ~1.4 µs per packet for waking the generator (13.6 %
/// of the relay's CPU at 500 calls, perf 2026-12-02); a phone's wake-up happens on the phone. The kernel's
/// receive times keep the sleep out of the measured latency. Two latencies per packet: to the kernel's receive time (SO_TIMESTAMPNS: when the relay's send
/// delivered it, the relay's added latency plus one loopback hop each way) and to when this thread got it
/// (which adds the generator's own wake-up and scheduling). Runs on its own thread until stopped.
/// </summary>
internal sealed class BatchReceiver(GeneratorSocket socket, LatencyHistogram arrival, LatencyHistogram handled, int firstFrame, int endFrame)
{
    private const int BatchSize = 256;
    private volatile bool _stopping;
    private Thread? _thread;

    /// <summary>Packets of the measured frames received (each leg's packet arrives once).</summary>
    public long Received { get; private set; }

    /// <summary>Measured packets that came without a kernel receive time (counted in the handled latency only).</summary>
    public long Unstamped { get; private set; }

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "generator-receive" };
        _thread.Start();
    }

    public void Stop()
    {
        _stopping = true;
        _thread?.Join();
    }

    private void Run()
    {
        using var batch = new TimestampedReceiveBatch(BatchSize);
        var handle = socket.Handle;
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            while (!_stopping)
            {
                var n = batch.Receive(fd, LinuxSockets.MsgDontWait);
                if (n <= 0)
                {
                    Thread.Sleep(1);
                    continue;
                }

                var now = UnixTime.Nanoseconds();
                for (var i = 0; i < n; i++)
                {
                    var packet = batch.Datagram(i);
                    if (packet.Length < SlotSender.PacketBytes)
                    {
                        continue;
                    }

                    var frame = BinaryPrimitives.ReadInt32LittleEndian(packet[SlotSender.FrameOffset..]);
                    if (frame >= firstFrame && frame < endFrame)
                    {
                        var sentAt = BinaryPrimitives.ReadInt64LittleEndian(packet[SlotSender.SendTimeOffset..]);
                        handled.Add(now - sentAt);
                        if (batch.ReceivedUnixNanoseconds(i) is { } arrivedAt)
                        {
                            arrival.Add(arrivedAt - sentAt);
                        }
                        else
                        {
                            Unstamped++;
                        }

                        Received++;
                    }
                }
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
