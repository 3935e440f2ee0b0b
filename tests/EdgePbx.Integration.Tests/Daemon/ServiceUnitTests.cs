using System.Diagnostics;
using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Daemon;

public sealed class ServiceUnitTests
{
    [Fact]
    public void Service_unit_passes_systemd_analyze_verify()
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "systemd-analyze is required under CI (package systemd)");
            return;
        }
        Verify(withKernelRelay: false);
    }

    [Fact]
    public void Service_unit_with_the_kernel_relay_drop_in_passes_systemd_analyze_verify()
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "systemd-analyze is required under CI (package systemd)");
            return;
        }

        Verify(withKernelRelay: true);
    }

    // verify also checks that ExecStart names an executable: the unit is pointed at the binary under test; the
    // drop-in, when asked for, goes beside it as in /etc/systemd/system/edgepbx.service.d/.
    private static void Verify(bool withKernelRelay)
    {
        string dir = Directory.CreateTempSubdirectory("edgepbx-unit-").FullName;
        string unit = Path.Combine(dir, "edgepbx.service");
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "systemd", "edgepbx.service"));
        Assert.Contains("ExecStart=/usr/bin/edgepbx ", text, StringComparison.Ordinal);
        File.WriteAllText(unit, text.Replace("ExecStart=/usr/bin/edgepbx ", $"ExecStart={NativeBinary.Path} ", StringComparison.Ordinal));
        if (withKernelRelay)
        {
            Directory.CreateDirectory(Path.Combine(dir, "edgepbx.service.d"));
            File.Copy(Path.Combine(RepositoryPaths.Root, "systemd", "edgepbx.service.d", "kernel-relay.conf"), Path.Combine(dir, "edgepbx.service.d", "kernel-relay.conf"));
        }

        var start = new ProcessStartInfo("systemd-analyze") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("verify");
        start.ArgumentList.Add(unit);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Directory.Delete(dir, recursive: true);
        Assert.True(process.ExitCode == 0 && output.Trim().Length == 0, "systemd-analyze verify complained:\n" + output);
    }

    [Fact]
    public void Kernel_relay_drop_in_grants_what_loading_and_attaching_the_program_need()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "systemd", "edgepbx.service.d", "kernel-relay.conf"));
        Assert.Contains("[Service]", lines);
        Assert.Contains("Environment=EDGEPBX_RTP_KERNEL_FORWARD=1", lines);
        foreach (var directive in new[] { "AmbientCapabilities=", "CapabilityBoundingSet=" })
        {
            var caps = lines.Single(l => l.StartsWith(directive, StringComparison.Ordinal))[directive.Length..].Split(' ');
            Assert.Contains("CAP_BPF", caps);
            Assert.Contains("CAP_NET_ADMIN", caps);
        }

        // The unit denies @privileged, which holds bpf(2): the drop-in must allow it again.
        var unit = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "systemd", "edgepbx.service"));
        Assert.Contains(unit, l => l.StartsWith("SystemCallFilter=~", StringComparison.Ordinal) && l.Contains("@privileged", StringComparison.Ordinal));
        Assert.Contains("SystemCallFilter=bpf", lines);
    }

    [Theory]
    [InlineData("Type=notify")]
    [InlineData("WatchdogSec=")]
    [InlineData("Restart=on-failure")]
    [InlineData("SupplementaryGroups=gpio")]
    [InlineData("AmbientCapabilities=CAP_NET_BIND_SERVICE")]
    [InlineData("StateDirectory=edgepbx")]
    [InlineData("ProtectSystem=strict")]
    [InlineData("ReadWritePaths=/etc/edgepbx")]
    [InlineData("NoNewPrivileges=yes")]
    public void Service_unit_sets(string directive)
    {
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "systemd", "edgepbx.service"));
        Assert.Contains(text.Split('\n'), line => line.StartsWith(directive, StringComparison.Ordinal));
    }

    [Fact]
    public void Service_unit_lets_the_rtp_thread_have_the_real_time_priority_it_asks_for()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "systemd", "edgepbx.service"));
        int Value(string prefix) => int.Parse(lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);

        // The rlimit must cover the priority, realtime must not be restricted, and sched_setscheduler, which the
        // @resources deny list takes away, must be allowed again after it (systemd applies the lines in order).
        var priority = Value("Environment=EDGEPBX_RTP_REALTIME_PRIORITY=");
        Assert.InRange(priority, 1, Value("LimitRTPRIO="));
        Assert.Contains("RestrictRealtime=no", lines);
        var deny = Array.FindIndex(lines, l => l.StartsWith("SystemCallFilter=~", StringComparison.Ordinal) && l.Contains("@resources", StringComparison.Ordinal));
        var allow = Array.FindLastIndex(lines, l => l == "SystemCallFilter=sched_setscheduler");
        Assert.True(deny >= 0 && allow > deny, "sched_setscheduler must be allowed after the @resources deny list");
    }
}
