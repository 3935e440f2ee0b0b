using System.Globalization;

namespace EdgePbx.TestSupport;

/// <summary>The kernel's view of threads' scheduling (stat(5), status(5)), for tests of real-time threads.</summary>
public static class ThreadScheduling
{
    /// <summary>Policy and rt_priority (stat(5) fields 41 and 40) of process <paramref name="pid"/>'s threads called <paramref name="name"/>.</summary>
    public static List<(int Policy, int Priority)> ThreadsNamed(string pid, string name)
    {
        var found = new List<(int, int)>();
        foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != name)
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from 3 on, after "(comm)"
                found.Add((int.Parse(fields[41 - 3], CultureInfo.InvariantCulture), int.Parse(fields[40 - 3], CultureInfo.InvariantCulture)));
            }
            catch (IOException)
            {
                // A thread that ended while listed.
            }
        }

        return found;
    }

    /// <summary>CAP_SYS_NICE.</summary>
    public static bool HasSysNice() => ProcessCapabilities.Has(ProcessCapabilities.SysNice);
}
