namespace EdgePbx.Media.RelayLoad;

/// <summary>CLOCK_REALTIME in Unix nanoseconds (100 ns resolution), the clock of the kernel's SO_TIMESTAMPNS.</summary>
internal static class UnixTime
{
    public static long Nanoseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
