using System.Runtime.InteropServices;

namespace EdgePbx.Media.Rtp.Linux;

/// <summary>
/// Puts the calling thread under SCHED_FIFO (sched(7)), so that it runs as soon as it is woken instead of waiting
/// for a time slice behind ordinary threads. SCHED_RESET_ON_FORK: a process started from it (sox, ip) does not
/// inherit the policy. Needs RLIMIT_RTPRIO at or above the priority (systemd: LimitRTPRIO=) or CAP_SYS_NICE; the
/// kernel's RT throttling (95 % of each second by default) leaves the rest of the box some CPU even if it spun.
/// </summary>
internal static unsafe partial class RealtimeScheduling
{
    public const int LowestPriority = 1;
    public const int HighestPriority = 99;

    private const int SchedFifo = 1;
    private const int SchedResetOnFork = 0x40000000;

    /// <summary>Raises the calling thread to SCHED_FIFO at <paramref name="priority"/>: 0, or the errno it failed with.</summary>
    public static int RaiseCallingThread(int priority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(priority, LowestPriority);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, HighestPriority);
        var parameter = priority; // struct sched_param { int sched_priority; }
        return SchedSetScheduler(0, SchedFifo | SchedResetOnFork, &parameter) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>The calling thread's policy (sched_getscheduler(2), without SCHED_RESET_ON_FORK): 1 is SCHED_FIFO.</summary>
    public static int CallingThreadPolicy() => SchedGetScheduler(0) & ~SchedResetOnFork;

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, int* parameter);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler", SetLastError = true)]
    private static partial int SchedGetScheduler(int pid);
}
