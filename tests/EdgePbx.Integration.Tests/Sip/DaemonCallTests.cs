using System.Globalization;
using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Sip;

/// <summary>
/// Calls through the native daemon between real peers: a sipp "carrier" calls the plan's number, a sipp
/// desk phone registered with digest answers; the call record is read back with <c>edgepbx cdr export</c>.
/// </summary>
public sealed class DaemonCallTests : IDisposable
{
    private const string Password = "desk-phone-101";
    private const string Caller = "02112345678";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _data = Directory.CreateTempSubdirectory("edgepbx-call-").FullName;

    [Fact]
    public async Task Carrier_call_rings_the_registered_phone_and_leaves_an_answered_record()
    {
        if (Sipp.Find() is not { } sipp)
        {
            return;
        }

        using var daemon = await StartWithPhoneAsync(sipp);
        var phone = Task.Run(() => Sipp.RunOn(sipp, "phone_answers.xml", daemon.SipPort, _phonePort));
        await Task.Delay(700);
        var (called, callerOutput) = Sipp.Run(sipp, "carrier_call.xml", daemon.SipPort, CallerArgs());
        var (answered, phoneOutput) = await phone;
        Assert.True(called == 0, $"caller: sipp exit {called}:\n{callerOutput}\ndaemon:\n{daemon.Output}");
        Assert.True(answered == 0, $"phone: sipp exit {answered}:\n{phoneOutput}\ndaemon:\n{daemon.Output}");

        var row = await RecordRowAsync(",answered,");
        Assert.Contains($",{Caller},", row, StringComparison.Ordinal);
        Assert.Contains(",ext:101,", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_daemon_mid_call_hangs_up_both_sides_and_keeps_the_record()
    {
        if (Sipp.Find() is not { } sipp)
        {
            return;
        }

        using var daemon = await StartWithPhoneAsync(sipp);
        var phone = Task.Run(() => Sipp.RunOn(sipp, "phone_answers.xml", daemon.SipPort, _phonePort));
        await Task.Delay(700);
        var caller = Task.Run(() => Sipp.Run(sipp, "carrier_call_hung_up.xml", daemon.SipPort, CallerArgs()));

        // Wait until the call is up (the phone rings half a second), then SIGTERM the daemon.
        await Task.Delay(2500);
        daemon.Terminate();
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(5)), "daemon did not stop:\n" + daemon.Output);
        Assert.Equal(0, daemon.ExitCode);

        var (called, callerOutput) = await caller;
        var (answered, phoneOutput) = await phone;
        Assert.True(called == 0, $"caller (expects the box's BYE): sipp exit {called}:\n{callerOutput}\ndaemon:\n{daemon.Output}");
        Assert.True(answered == 0, $"phone (expects the box's BYE): sipp exit {answered}:\n{phoneOutput}\ndaemon:\n{daemon.Output}");
        var row = await RecordRowAsync("the box is stopping");
        Assert.Contains(",answered,", row, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private readonly int _phonePort = FreePorts.UdpAndTcp();

    private static string[] CallerArgs() =>
        ["-s", "4006123456", "-key", "caller", Caller, "-key", "rtp_port", FreePorts.UdpAndTcp().ToString(CultureInfo.InvariantCulture)];

    /// <summary>Starts the daemon on a plan whose number rings extension 101, and registers a sipp phone as 101.</summary>
    private async Task<DaemonProcess> StartWithPhoneAsync(string sipp)
    {
        var plan = Path.Combine(_data, "plan.json");
        await File.WriteAllTextAsync(plan, """
            {
              "version": 1,
              "timeZone": "Asia/Shanghai",
              "numbers": { "4006123456": { "name": "Main", "default": "ext:101" } },
              "extensions": { "101": { "name": "Reception" } }
            }
            """);
        var (code, stdout, stderr) = DaemonProcess.RunToExitWithInput(Password + "\n", Patience, "phone", "set", "101", "--data", _data);
        Assert.True(code == 0, $"phone set 101: exit {code}\n{stdout}{stderr}");

        var daemon = await DaemonProcess.StartReadyAsync(_data, Patience, "--plan", plan);

        var (registered, output) = Sipp.RunOn(sipp, "register.xml", daemon.SipPort, _phonePort, "-key", "user", "101", "-key", "domain", "edgepbx", "-au", "101", "-ap", Password);
        Assert.True(registered == 0, $"register: sipp exit {registered}:\n{output}\ndaemon:\n{daemon.Output}");
        return daemon;
    }

    /// <summary>Exports the records of the hour around now (the writer runs behind the calls) until a row contains <paramref name="expected"/>.</summary>
    private async Task<string> RecordRowAsync(string expected)
    {
        var records = string.Empty;
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            records = CdrExport.HourAroundNow(_data, "csv", Patience);
            if (records.Contains(expected, StringComparison.Ordinal))
            {
                return records.Split('\n').Single(l => l.Contains("4006123456", StringComparison.Ordinal));
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"no record with '{expected}' within {Patience.TotalSeconds} s:\n{records}");
    }
}
