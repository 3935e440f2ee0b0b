using System.Buffers.Binary;
using System.Diagnostics;
using EdgePbx.Media.Rtp.Linux;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// Receives what the relay sends back on the generator socket with blocking recvmmsg(2) (MSG_WAITFORONE: wait
/// for one, then take whatever else is queued, up to a batch), takes the receive time as soon as the call
/// returns, and reads leg, frame and send time from each payload. Runs on its own thread until stopped.
/// </summary>
internal sealed class BatchReceiver(GeneratorSocket socket, LatencyHistogram histogram, int firstFrame, int endFrame)
{
    private const int BatchSize = 256;
    private volatile bool _stopping;
    private Thread? _thread;

    /// <summary>Packets of the measured frames received (each leg's packet arrives once).</summary>
    public long Received { get; private set; }

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
        using var batch = new ReceiveBatch(BatchSize);
        var handle = socket.Handle;
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            while (!_stopping)
            {
                var n = batch.Receive(fd, LinuxSockets.MsgWaitForOne);
                var now = Stopwatch.GetTimestamp();
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
                        histogram.Add(now - BinaryPrimitives.ReadInt64LittleEndian(packet[SlotSender.SendTimeOffset..]));
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
