using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// Sleeps until a Stopwatch timestamp with clock_nanosleep(2) (CLOCK_MONOTONIC, the clock Stopwatch reads on Linux,
/// TIMER_ABSTIME), with the thread's timer slack cut from 50 µs to 1 µs: Thread.Sleep cannot wait less than a
/// millisecond, and slots shorter than that need it.
/// </summary>
internal static unsafe partial class PreciseSleep
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsolute = 1;
    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK

    /// <summary>Asks for 1 µs timer slack on the calling thread (the kernel's default is 50 µs).</summary>
    public static void TightenTimerSlack()
    {
        if (Prctl(SetTimerSlack, 1000, 0, 0, 0) != 0)
        {
            Console.Error.WriteLine($"prctl(PR_SET_TIMERSLACK) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Returns at or just after <paramref name="timestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value).</summary>
    public static void Until(long timestamp)
    {
        var nanoseconds = (Int128)timestamp * 1_000_000_000 / Stopwatch.Frequency;
        var time = new TimeSpec { Seconds = (long)(nanoseconds / 1_000_000_000), Nanoseconds = (long)(nanoseconds % 1_000_000_000) };
        while (ClockNanosleep(ClockMonotonic, TimerAbsolute, &time, null) == 4)
        {
            // EINTR: sleep on to the same instant.
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, TimeSpec* request, TimeSpec* remaining);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
