using System.Globalization;
using System.Text.Json;
using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Hardware;

/// <summary>
/// The front panel wired to the engine through the native daemon, read back from the panel's own
/// snapshot (<c>/api/panel</c>, the simulated controller's pin levels): real sipp peers make the calls,
/// a sipp registrar plays the carrier, the web page's virtual buttons press the panel's buttons.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class DaemonPanelTests : IDisposable
{
    private const string PhonePassword = "desk-phone-101";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-panel-").FullName;
    private readonly int _phonePort = FreePorts.UdpAndTcp();

    [Fact]
    public async Task Call_ringing_a_member_blinks_its_line_led_answering_makes_it_steady_and_hang_up_turns_it_off()
    {
        if (Sipp.Find() is not { } sipp)
        {
            return;
        }

        using var daemon = await StartWithPhoneAsync(sipp, settings: null);
        using var installer = await InstallerSession.SetUpAsync(daemon);
        Assert.Equal("Off", Line(await installer.PanelAsync(), 1).Pattern);

        var (seen, levelsWhileBlinking) = await CallAndWatchLineAsync(sipp, daemon, installer);

        // Ringing (two seconds at 1 Hz) blinks: the LED was seen both lit and dark; then steady on; then off.
        Assert.True(Ordered(seen, "Blink", "On", "Off"), $"line 1 LED went {string.Join(" -> ", seen)}\n{daemon.Output}");
        Assert.Contains(true, levelsWhileBlinking);
        Assert.Contains(false, levelsWhileBlinking);
        var idle = Line(await installer.PanelAsync(), 1);
        Assert.Equal(("Off", false), (idle.Pattern, idle.Lit));
    }

    [Fact]
    public async Task Trunk_led_is_steady_once_the_carrier_registered_the_box()
    {
        if (Sipp.Find() is not { } sipp)
        {
            return;
        }

        int carrierPort = FreePorts.UdpAndTcp();
        var settings = Path.Combine(_dir, "edgepbx.json");
        await File.WriteAllTextAsync(settings, $$"""
            { "trunk": { "target": "127.0.0.1:{{carrierPort}}", "domain": "carrier.test", "account": "4006123456",
                         "username": "4006123456", "password": "trunk-secret" },
              "panel": { "backend": "simulated" } }
            """);
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;

        // The carrier listens first (the box retries only after 30 s), so the binary must be published before.
        Assert.True(File.Exists(NativeBinary.Path));
        var carrier = Task.Run(() => Sipp.RunOn(sipp, "carrier_registrar.xml", 9, carrierPort));
        await Task.Delay(500);
        using var daemon = await DaemonProcess.StartReadyAsync(data, Patience, "--config", settings);
        using var installer = await InstallerSession.SetUpAsync(daemon);
        var (code, output) = await carrier;
        Assert.True(code == 0, $"carrier: sipp exit {code}:\n{output}\ndaemon:\n{daemon.Output}");
        await daemon.WaitForOutputAsync("Trunk registration is now Registered", Patience);

        Assert.Equal("On", await WaitForStatusAsync(installer, "trunk", p => p == "On", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Trunk_led_is_off_when_no_trunk_is_set_up()
    {
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        using var daemon = await DaemonProcess.StartReadyAsync(data, Patience);
        using var installer = await InstallerSession.SetUpAsync(daemon);

        var panel = await installer.PanelAsync();
        Assert.Equal("Off", Status(panel, "trunk"));
        Assert.Equal("On", Status(panel, "power"));
    }

    [Fact]
    public async Task Daemon_asked_for_a_gpio_chip_that_is_missing_runs_on_the_simulated_panel_with_a_clear_warning()
    {
        var settings = Path.Combine(_dir, "edgepbx.json");
        await File.WriteAllTextAsync(settings, """{ "panel": { "backend": "gpio", "gpioChip": 7 } }""");
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;

        using var daemon = await DaemonProcess.StartReadyAsync(data, Patience, "--config", settings);
        using var installer = await InstallerSession.SetUpAsync(daemon);
        var panel = await installer.PanelAsync();

        Assert.Contains("GPIO chip 7 is not available", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("warn", daemon.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("simulated", panel.GetProperty("backend").GetString());
        Assert.Contains("GPIO chip 7", panel.GetProperty("warning").GetString(), StringComparison.Ordinal);
        // Still the whole panel: the power LED is lit and the lines are there.
        Assert.Equal("On", Status(panel, "power"));
        Assert.Equal(4, panel.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task Factory_reset_confirmed_on_the_panel_wipes_the_box_keeps_call_records_and_restarts()
    {
        if (Sipp.Find() is not { } sipp)
        {
            return;
        }

        var settings = Path.Combine(_dir, "edgepbx.json");
        await File.WriteAllTextAsync(settings, """
            { "panel": { "backend": "simulated", "debounceMs": 20, "longPressMs": 300, "factoryResetConfirmMs": 6000 } }
            """);
        using var daemon = await StartWithPhoneAsync(sipp, settings);
        using var installer = await InstallerSession.SetUpAsync(daemon);
        await CallAndWatchLineAsync(sipp, daemon, installer);
        await WaitForRecordAsync();

        // One long press arms the reset (the power LED fast-blinks), nothing is wiped yet.
        await LongPressAsync(installer);
        var armed = await installer.PanelAsync();
        Assert.True(armed.GetProperty("factoryResetPending").GetBoolean());
        Assert.Equal("FastBlink", Status(armed, "power"));
        Assert.False(daemon.HasExited);
        Assert.Contains("101", DaemonProcess.RunToExit(Patience, "phone", "list", "--data", daemon.DataDirectory).StdOut, StringComparison.Ordinal);

        // The second long press within the window confirms (reported while still held): the box wipes itself
        // and stops for systemd to restart it.
        await installer.ButtonAsync("reset", pressed: true);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)), "daemon did not stop after the confirmed reset:\n" + daemon.Output);
        Assert.Equal(3, daemon.ExitCode);
        Assert.Contains("Factory reset confirmed on the front panel: call records kept", daemon.Output, StringComparison.Ordinal);

        var phones = DaemonProcess.RunToExit(Patience, "phone", "list", "--data", daemon.DataDirectory);
        Assert.DoesNotContain("101", phones.StdOut, StringComparison.Ordinal);
        Assert.Contains(",answered,", (await WaitForRecordAsync()), StringComparison.Ordinal);

        // Started again it is a fresh box: the first visit asks for the installer password again.
        using var fresh = await DaemonProcess.StartReadyAsync(daemon.DataDirectory, Patience, "--config", settings);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fresh.WebBase };
        var home = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("/setup", home.Headers.Location?.OriginalString);
        Assert.Contains("Plan in force: built-in demo plan", fresh.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task LongPressAsync(InstallerSession installer)
    {
        await installer.ButtonAsync("reset", pressed: true);
        await Task.Delay(700);
        await installer.ButtonAsync("reset", pressed: false);
        await Task.Delay(100);
    }

    /// <summary>A carrier call to the plan's number rings the registered sipp phone (two seconds), which answers; the caller hangs up after a second.</summary>
    private async Task<(List<string> Patterns, List<bool> LevelsWhileBlinking)> CallAndWatchLineAsync(string sipp, DaemonProcess daemon, InstallerSession installer)
    {
        var phone = Task.Run(() => Sipp.RunOn(sipp, "phone_rings_then_answers.xml", daemon.SipPort, _phonePort));
        await Task.Delay(700);
        var caller = Task.Run(() => Sipp.Run(sipp, "carrier_call.xml", daemon.SipPort,
            ["-s", "4006123456", "-key", "caller", "02112345678", "-key", "rtp_port", FreePorts.UdpAndTcp().ToString(CultureInfo.InvariantCulture)]));

        var seen = new List<string>();
        var levels = new List<bool>();
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline && !(caller.IsCompleted && phone.IsCompleted && seen.Count > 0 && seen[^1] == "Off"))
        {
            var (pattern, lit) = Line(await installer.PanelAsync(), 1);
            if (seen.Count == 0 || seen[^1] != pattern)
            {
                seen.Add(pattern);
            }

            if (pattern == "Blink")
            {
                levels.Add(lit);
            }

            await Task.Delay(40);
        }

        var (called, callerOutput) = await caller;
        var (answered, phoneOutput) = await phone;
        Assert.True(called == 0, $"caller: sipp exit {called}:\n{callerOutput}\ndaemon:\n{daemon.Output}");
        Assert.True(answered == 0, $"phone: sipp exit {answered}:\n{phoneOutput}\ndaemon:\n{daemon.Output}");
        return (seen, levels);
    }

    /// <summary>The daemon on a plan whose number rings extension 101 (front-panel line 1), a sipp phone registered as 101.</summary>
    private async Task<DaemonProcess> StartWithPhoneAsync(string sipp, string? settings)
    {
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        var plan = Path.Combine(_dir, "plan.json");
        await File.WriteAllTextAsync(plan, """
            {
              "version": 1,
              "timeZone": "Asia/Shanghai",
              "numbers": { "4006123456": { "name": "Main", "default": "ext:101" } },
              "extensions": { "101": { "name": "Reception" } }
            }
            """);
        var (code, stdout, stderr) = DaemonProcess.RunToExitWithInput(PhonePassword + "\n", Patience, "phone", "set", "101", "--data", data);
        Assert.True(code == 0, $"phone set 101: exit {code}\n{stdout}{stderr}");

        string[] args = settings is null ? ["--plan", plan] : ["--plan", plan, "--config", settings];
        var daemon = await DaemonProcess.StartReadyAsync(data, Patience, args);
        var (registered, output) = Sipp.RunOn(sipp, "register.xml", daemon.SipPort, _phonePort, "-key", "user", "101", "-key", "domain", "edgepbx", "-au", "101", "-ap", PhonePassword);
        Assert.True(registered == 0, $"register: sipp exit {registered}:\n{output}\ndaemon:\n{daemon.Output}");
        return daemon;
    }

    private async Task<string> WaitForRecordAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        var data = Path.Combine(_dir, "data");
        while (true)
        {
            var from = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var to = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var (code, stdout, stderr) = DaemonProcess.RunToExit(Patience, "cdr", "export", "--data", data, "--from", from, "--to", to, "--format", "csv");
            Assert.True(code == 0, $"cdr export: exit {code}\n{stdout}{stderr}");
            if (stdout.Split('\n').FirstOrDefault(l => l.Contains("4006123456", StringComparison.Ordinal)) is { } row)
            {
                return row;
            }

            Assert.True(DateTime.UtcNow < deadline, "no call record:\n" + stdout);
            await Task.Delay(200);
        }
    }

    private static async Task<string> WaitForStatusAsync(InstallerSession installer, string led, Func<string, bool> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var pattern = Status(await installer.PanelAsync(), led);
            if (done(pattern) || DateTime.UtcNow > deadline)
            {
                return pattern;
            }

            await Task.Delay(50);
        }
    }

    private static (string Pattern, bool Lit) Line(JsonElement panel, int line)
    {
        var led = panel.GetProperty("lines")[line - 1];
        return (led.GetProperty("pattern").GetString()!, led.GetProperty("lit").GetBoolean());
    }

    private static string Status(JsonElement panel, string id) =>
        panel.GetProperty("status").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id).GetProperty("pattern").GetString()!;

    private static bool Ordered(List<string> seen, params string[] expected)
    {
        var at = 0;
        foreach (var pattern in seen)
        {
            if (at < expected.Length && pattern == expected[at])
            {
                at++;
            }
        }

        return at == expected.Length;
    }
}
