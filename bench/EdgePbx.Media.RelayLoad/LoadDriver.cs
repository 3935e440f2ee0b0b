using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// The load generator. For each N it starts a fresh relay process, opens two UDP sockets per call (the phone
/// and the trunk), and sends a 172-byte PCMU RTP packet (20 ms) on every leg every 20 ms, calls spread over
/// 20 one-millisecond slots as real calls are not in phase. Each payload carries the send time (Stopwatch)
/// and the frame number; the relay passes PCMU↔PCMU payloads through untouched, so the receiving leg knows
/// when its packet left. Added latency = receive time - send time: an upper bound, as it holds two loopback
/// hops and this process's own wake-up (see --direct for that floor). Loss = packets sent in the measured
/// window that never came out. The generator runs its socket completions inline (it re-executes itself with
/// DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1) so that a receive is time-stamped on the epoll thread.
/// </summary>
internal static class LoadDriver
{
    private const string InlineVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    private const int PacketBytes = 12 + 160;
    private const int Slots = 20;

    public static int Run(LoadOptions options)
    {
        if (Environment.GetEnvironmentVariable(InlineVariable) != "1")
        {
            var self = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            self.ArgumentList.Add("drive");
            foreach (var a in Environment.GetCommandLineArgs().Skip(2))
            {
                self.ArgumentList.Add(a);
            }

            self.Environment[InlineVariable] = "1";
            using var child = Process.Start(self)!;
            child.WaitForExit();
            return child.ExitCode;
        }

        Console.WriteLine($"# relay load, {(options.Direct ? "direct (no relay)" : options.RelayInline ? "relay with inline socket completions" : "relay")}, {options.Seconds} s measured after {options.Warmup} s, {Environment.ProcessorCount} cores, load average at start {ProcStat.LoadAverage()}");
        Console.WriteLine("| calls | packets sent | lost | p50 µs | p99 µs | max µs | relay CPU-s | relay cores | relay alloc B | relay gen0 GCs | relay threads | generator CPU-s | load avg |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var calls in options.Calls)
        {
            var line = RunOnce(options, calls);
            Console.WriteLine(line);
        }

        return 0;
    }

    private static string RunOnce(LoadOptions options, int calls)
    {
        Process? relay = null;
        int[] ports;
        if (options.Direct)
        {
            ports = [];
        }
        else
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
            };
            foreach (var a in new[] { "relay", "--calls", calls.ToString(CultureInfo.InvariantCulture), "--base-port", options.BasePort.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(a);
            }

            if (options.RelayInline)
            {
                start.Environment[InlineVariable] = "1";
            }
            else
            {
                start.Environment.Remove(InlineVariable);
            }

            relay = Process.Start(start)!;
            var first = relay.StandardOutput.ReadLine() ?? throw new InvalidOperationException("relay process ended before listing its ports");
            ports = first.Split(' ').Skip(1).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        }

        var legs = new Socket[calls * 2];
        for (var i = 0; i < legs.Length; i++)
        {
            legs[i] = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            legs[i].Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        for (var i = 0; i < legs.Length; i++)
        {
            var target = options.Direct
                ? ((IPEndPoint)legs[i ^ 1].LocalEndPoint!).Port
                : ports[i];
            legs[i].Connect(new IPEndPoint(IPAddress.Loopback, target));
        }

        var warmFrames = (int)(options.Warmup * 50);
        var measuredFrames = (int)(options.Seconds * 50);
        var histogram = new LatencyHistogram();
        var receiving = legs.Select(s => ReceiveLoopAsync(s, histogram, warmFrames, warmFrames + measuredFrames)).ToArray();

        long sentInWindow = 0;
        double relayCpu0 = 0, relayCpu1 = 0, ownCpu0 = 0, ownCpu1 = 0;
        var packet = new byte[PacketBytes];
        var clock = Stopwatch.StartNew();
        for (var frame = 0; frame < warmFrames + measuredFrames; frame++)
        {
            if (frame == warmFrames)
            {
                if (relay is not null)
                {
                    relay.StandardInput.WriteLine("mark");
                    relay.StandardOutput.ReadLine();
                    relayCpu0 = ProcStat.CpuSeconds(relay.Id);
                }

                ownCpu0 = ProcStat.CpuSeconds(Environment.ProcessId);
            }

            for (var slot = 0; slot < Slots; slot++)
            {
                WaitUntil(clock, (frame * 20.0) + slot);
                for (var call = slot; call < calls; call += Slots)
                {
                    for (var leg = 0; leg < 2; leg++)
                    {
                        var index = (call * 2) + leg;
                        Write(packet, (uint)index, frame);
                        try
                        {
                            legs[index].Send(packet);
                        }
                        catch (SocketException)
                        {
                            // An ICMP unreachable from a packet the relay sent before it latched; the frame still counts as sent.
                        }

                        if (frame >= warmFrames)
                        {
                            sentInWindow++;
                        }
                    }
                }
            }
        }

        if (relay is not null)
        {
            relayCpu1 = ProcStat.CpuSeconds(relay.Id);
        }

        ownCpu1 = ProcStat.CpuSeconds(Environment.ProcessId);
        var load = ProcStat.LoadAverage();
        Thread.Sleep(500);
        var report = "";
        if (relay is not null)
        {
            relay.StandardInput.WriteLine("report");
            report = relay.StandardOutput.ReadLine() ?? "";
            relay.StandardInput.Close();
            relay.WaitForExit(10_000);
            relay.Dispose();
        }

        var received = histogram.Count;
        foreach (var s in legs)
        {
            s.Dispose();
        }

        Task.WaitAll(receiving);
        var fields = report.Split(' ').Skip(1).Select(f => f.Split('=')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        var relayCpu = relayCpu1 - relayCpu0;
        return FormattableString.Invariant(
            $"| {calls} | {sentInWindow} | {sentInWindow - received} | {histogram.Quantile(0.5):0} | {histogram.Quantile(0.99):0} | {histogram.MaxMicroseconds:0} | {relayCpu:0.00} | {relayCpu / options.Seconds:0.00} | {fields.GetValueOrDefault("allocated", "-")} | {fields.GetValueOrDefault("gen0", "-")} | {fields.GetValueOrDefault("threads", "-")} | {ownCpu1 - ownCpu0:0.00} | {load} |");
    }

    private static void WaitUntil(Stopwatch clock, double milliseconds)
    {
        // Sleep rather than spin: the relay under test needs the cores. A late slot is sent late, not lost.
        while (clock.Elapsed.TotalMilliseconds < milliseconds - 0.2)
        {
            Thread.Sleep(1);
        }
    }

    private static void Write(byte[] packet, uint leg, int frame)
    {
        packet[0] = 0x80;
        packet[1] = 0; // PCMU
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)frame);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)frame * 160);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), leg + 1);
        packet.AsSpan(24).Fill(0xFF);
        BinaryPrimitives.WriteInt32LittleEndian(packet.AsSpan(20), frame);
        BinaryPrimitives.WriteInt64LittleEndian(packet.AsSpan(12), Stopwatch.GetTimestamp());
    }

    private static async Task ReceiveLoopAsync(Socket socket, LatencyHistogram histogram, int firstFrame, int endFrame)
    {
        var buffer = new byte[1500];
        while (true)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                continue;
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            if (n < PacketBytes)
            {
                continue;
            }

            var frame = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(20));
            if (frame >= firstFrame && frame < endFrame)
            {
                histogram.Add(now - BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(12)));
            }
        }
    }
}
