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
        // verify also checks that ExecStart names an executable: point it at the binary under test.
        string dir = Directory.CreateTempSubdirectory("edgepbx-unit-").FullName;
        string unit = Path.Combine(dir, "edgepbx.service");
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "systemd", "edgepbx.service"));
        Assert.Contains("ExecStart=/usr/bin/edgepbx ", text, StringComparison.Ordinal);
        File.WriteAllText(unit, text.Replace("ExecStart=/usr/bin/edgepbx ", $"ExecStart={NativeBinary.Path} ", StringComparison.Ordinal));

        var start = new ProcessStartInfo("systemd-analyze") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("verify");
        start.ArgumentList.Add(unit);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Directory.Delete(dir, recursive: true);
        Assert.True(process.ExitCode == 0 && output.Trim().Length == 0, "systemd-analyze verify complained:\n" + output);
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
}
