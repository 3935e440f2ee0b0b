using System.Globalization;

namespace EdgePbx.Media.Rtp.Linux;

/// <summary>
/// The RTP I/O loops of a process, sessions spread over them in turn. <see cref="Shared"/> is the process-wide
/// default every <see cref="RtpSessionFactory"/> uses, created on the first relayed session: the daemon gets it
/// through <see cref="RtpSession.ReceiveOnArrival"/> without wiring, and its threads live as long as the process
/// (background threads, nothing to dispose). An exception to "no static state", made so that the engine and
/// the host need not change; tests make their own. EDGEPBX_RTP_IO_THREADS overrides the thread count, and
/// EDGEPBX_RTP_REALTIME_PRIORITY (1-99) runs the threads SCHED_FIFO at that priority (see <see cref="RealtimeScheduling"/>).
/// </summary>
internal sealed class RtpIoLoops : IDisposable
{
    private static readonly Lazy<RtpIoLoops> SharedLoops = new(() => new RtpIoLoops(DefaultThreads(), RequestedRealtimePriority));

    private readonly RtpIoLoop[] _loops;
    private int _next = -1;

    public RtpIoLoops(int threads, int realtimePriority = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _loops = new RtpIoLoop[threads];
        for (var i = 0; i < threads; i++)
        {
            _loops[i] = new RtpIoLoop($"rtp-io-{i}", realtimePriority);
        }
    }

    /// <summary>EDGEPBX_RTP_REALTIME_PRIORITY when it is a priority of 1-99, else 0 (ordinary threads).</summary>
    public static int RequestedRealtimePriority =>
        OperatingSystem.IsLinux()
        && int.TryParse(Environment.GetEnvironmentVariable("EDGEPBX_RTP_REALTIME_PRIORITY"), NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
        && priority is >= RealtimeScheduling.LowestPriority and <= RealtimeScheduling.HighestPriority
            ? priority
            : 0;

    /// <summary>0 when every thread got SCHED_FIFO, an errno when one could not, null when it was not asked for.</summary>
    public int? RealtimeError => _loops.Max(l => l.RealtimeError);

    /// <summary>The process-wide loops, or null where there are none (not Linux: sessions use the socket engine).</summary>
    public static RtpIoLoops? Shared => OperatingSystem.IsLinux() ? SharedLoops.Value : null;

    public int Count => _loops.Sum(l => l.Count);

    /// <summary>Registers <paramref name="socket"/> with <paramref name="near"/> when it is one of these loops, else with the next in turn.</summary>
    public RtpIoRegistration Add(RtpSocket socket, RtpIoLoop? near = null) =>
        (Holds(near) ? near! : _loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)_loops.Length)]).Add(socket);

    /// <summary>Whether <paramref name="loop"/> is one of these loops.</summary>
    public bool Holds(RtpIoLoop? loop) => loop is not null && Array.IndexOf(_loops, loop) >= 0;

    public void Dispose()
    {
        foreach (var loop in _loops)
        {
            loop.Dispose();
        }
    }

    private static int DefaultThreads() =>
        int.TryParse(Environment.GetEnvironmentVariable("EDGEPBX_RTP_IO_THREADS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 1;
}
