using System.Globalization;
using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Cloud;

/// <summary>
/// The native daemon keeps its plan in step with a real mosquitto: a plan signed and published with the
/// daemon's own CLI (as the cloud tooling does) is applied; one signed with a key the box does not trust
/// is rejected and changes nothing.
/// </summary>
public sealed class DaemonCloudTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-cloud-").FullName;

    [Fact]
    public async Task Signed_plan_published_over_mqtt_is_applied_and_a_forged_one_is_rejected()
    {
        if (ExternalTool.RequireOrSkip("mosquitto", "mosquitto") is not { } mosquitto
            || ExternalTool.RequireOrSkip("openssl", "openssl") is not { } openssl)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            // Started as root, mosquitto drops to its own user, which must still read its config here.
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        }

        int brokerPort = FreePorts.UdpAndTcp();
        var config = Path.Combine(_dir, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {brokerPort} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        using var broker = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(mosquitto, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        try
        {
            MakeKey(openssl, "trusted");
            MakeKey(openssl, "forger");
            var settings = Path.Combine(_dir, "edgepbx.json");
            await File.WriteAllTextAsync(settings, $$"""
                { "cloud": { "deviceId": "box-7", "trustedKeys": { "hq": "trusted.pub" }, "mqtt": "mqtt://127.0.0.1:{{brokerPort}}" } }
                """);
            using var daemon = DaemonProcess.StartIn(Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName, null, "--config", settings);
            await daemon.WaitForOutputAsync("MQTT connected", Patience);

            var plan = Path.Combine(RepositoryPaths.Root, "examples", "plans", "demo.json");
            Publish(plan, "trusted", version: 5, brokerPort);
            await daemon.WaitForOutputAsync("Plan version 5 from", Patience);
            Assert.Matches("Plan version 5 from .* applied", daemon.Output);

            Publish(plan, "forger", version: 6, brokerPort);
            await daemon.WaitForOutputAsync("Plan version 6 from", Patience);
            Assert.Matches("Plan version 6 from .* rejected", daemon.Output);
            Assert.DoesNotMatch("Plan version 6 from .* applied", daemon.Output);
        }
        finally
        {
            broker.Kill();
            await broker.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Plan_rollback_is_taken_on_sighup_reported_to_the_cloud_and_a_restart_without_the_broker_runs_the_last_applied_plan()
    {
        if (ExternalTool.RequireOrSkip("mosquitto", "mosquitto") is not { } mosquitto
            || ExternalTool.RequireOrSkip("mosquitto_sub", "mosquitto-clients") is not { } subscriber
            || ExternalTool.RequireOrSkip("openssl", "openssl") is not { } openssl)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        }

        int brokerPort = FreePorts.UdpAndTcp();
        var config = Path.Combine(_dir, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {brokerPort} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        var broker = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(mosquitto, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        MakeKey(openssl, "trusted");
        var settings = Path.Combine(_dir, "edgepbx.json");
        await File.WriteAllTextAsync(settings, $$"""
            { "cloud": { "deviceId": "box-7", "trustedKeys": { "hq": "trusted.pub" }, "mqtt": "mqtt://127.0.0.1:{{brokerPort}}" } }
            """);
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        var plan = Path.Combine(RepositoryPaths.Root, "examples", "plans", "demo.json");
        DaemonProcess? restarted = null;
        var daemon = DaemonProcess.StartIn(data, null, "--config", settings);
        try
        {
            await daemon.WaitForOutputAsync("MQTT connected", Patience);
            Publish(plan, "trusted", version: 5, brokerPort);
            await daemon.WaitForOutputAsync("Plan version 5 from", Patience);
            Publish(plan, "trusted", version: 6, brokerPort);
            await daemon.WaitForOutputAsync("Plan version 6 from", Patience);
            Assert.Matches("Plan version 6 from .* applied", daemon.Output);

            // The CLI rolls the box's plan history back while the daemon runs; SIGHUP puts it in force.
            var (code, stdout, stderr) = DaemonProcess.RunToExit(Patience, "plan", "rollback", "--data", data);
            Assert.True(code == 0, $"plan rollback: exit {code}\n{stdout}{stderr}");
            Assert.Contains("rolled back from version 6 to version 5", stdout, StringComparison.Ordinal);
            daemon.Hangup();
            await daemon.WaitForOutputAsync("Plan reloaded on SIGHUP: plan history, revision 5", Patience);
            Assert.False(daemon.HasExited);

            // The box's retained status says so; the rolled-back version 6, still retained, is not taken again.
            var status = await RetainedStatusAsync(subscriber, brokerPort, "\"rolled-back\"");
            Assert.Contains("\"currentVersion\":5", status, StringComparison.Ordinal);
            Assert.DoesNotMatch("Plan version 6 from .* applied.*Plan version 6 from .* applied", daemon.Output.ReplaceLineEndings(" "));

            // No cloud at all: the restarted box runs the last applied plan, not the demo plan.
            daemon.Terminate();
            Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)), "daemon did not stop:\n" + daemon.Output);
            broker.Kill();
            await broker.WaitForExitAsync();
            restarted = await DaemonProcess.StartReadyAsync(data, Patience, "--config", settings);
            // (The plan is demo.json's bytes, so the log names that file as its source; revision 5 is the cloud's.)
            await restarted.WaitForOutputAsync(", revision 5, sha256", Patience);
            Assert.Matches("Plan in force: .*, revision 5, sha256", restarted.Output);
            Assert.DoesNotContain("revision 0,", restarted.Output, StringComparison.Ordinal);
        }
        finally
        {
            if (!broker.HasExited)
            {
                broker.Kill();
                await broker.WaitForExitAsync();
            }

            broker.Dispose();
            restarted?.Dispose();
            daemon.Dispose();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>Reads the box's retained status messages until one contains <paramref name="expected"/>.</summary>
    private static async Task<string> RetainedStatusAsync(string subscriber, int brokerPort, string expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            var (code, output) = ExternalTool.Run(subscriber, ["-h", "127.0.0.1", "-p", brokerPort.ToString(CultureInfo.InvariantCulture), "-t", "edgepbx/devices/box-7/status", "-C", "1", "-W", "3"], TimeSpan.FromSeconds(10), Path.GetTempPath());
            last = $"exit {code}: {output}";
            if (code == 0 && output.Contains(expected, StringComparison.Ordinal))
            {
                return output;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"no retained status with {expected}; last: {last}");
    }

    private void MakeKey(string openssl, string name)
    {
        var key = Path.Combine(_dir, name + ".key");
        var (code, output) = ExternalTool.Run(openssl, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key], TimeSpan.FromSeconds(20), _dir);
        Assert.True(code == 0, "openssl genpkey: " + output);
        (code, output) = ExternalTool.Run(openssl, ["pkey", "-in", key, "-pubout", "-out", Path.Combine(_dir, name + ".pub")], TimeSpan.FromSeconds(20), _dir);
        Assert.True(code == 0, "openssl pkey: " + output);
    }

    /// <summary>Signs the plan with <paramref name="keyName"/> under the trusted key id, then publishes it to the box's topic.</summary>
    private void Publish(string plan, string keyName, long version, int brokerPort)
    {
        var envelope = Path.Combine(_dir, $"plan-{version}.envelope");
        var (code, stdout, stderr) = DaemonProcess.RunToExit(Patience, "plan", "sign", plan, "--key", Path.Combine(_dir, keyName + ".key"), "--key-id", "hq",
            "--version", version.ToString(CultureInfo.InvariantCulture), "--device", "box-7", "--out", envelope);
        Assert.True(code == 0, $"plan sign: exit {code}\n{stdout}{stderr}");
        (code, stdout, stderr) = DaemonProcess.RunToExit(Patience, "plan", "publish", envelope, "--broker", $"mqtt://127.0.0.1:{brokerPort}", "--device", "box-7");
        Assert.True(code == 0, $"plan publish: exit {code}\n{stdout}{stderr}");
    }
}
