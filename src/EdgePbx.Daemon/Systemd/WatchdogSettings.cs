using System.Globalization;

namespace EdgePbx.Daemon.Systemd;

/// <summary>The watchdog interval systemd asks for (WATCHDOG_USEC, for WATCHDOG_PID when set), or none.</summary>
public static class WatchdogSettings
{
    public static TimeSpan? FromEnvironment()
    {
        string? usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        if (string.IsNullOrEmpty(usec) || !long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out long micros) || micros <= 0)
        {
            return null;
        }
        // sd_watchdog_enabled(3): when WATCHDOG_PID is set the interval is meant for that process only.
        string? pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }
        return TimeSpan.FromTicks(micros * TimeSpan.TicksPerMicrosecond);
    }
}
