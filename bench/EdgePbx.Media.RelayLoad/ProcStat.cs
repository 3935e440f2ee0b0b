using System.Globalization;

namespace EdgePbx.Media.RelayLoad;

/// <summary>CPU-seconds (user + system) of a process from /proc/PID/stat, and the load average.</summary>
internal static class ProcStat
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // Fields after the command name (which is in parentheses and may hold spaces): state is field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (user + system) / ClockTicksPerSecond;
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
