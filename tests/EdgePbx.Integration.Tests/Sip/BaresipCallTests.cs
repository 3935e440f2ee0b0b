using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Sip;

/// <summary>
/// baresip as desk phone 101 registers with digest and calls extension 102, a sipp UAS registered with
/// digest too, through the native daemon; baresip hangs up and the BYE reaches the sipp phone.
/// </summary>
public sealed class BaresipCallTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _data = Directory.CreateTempSubdirectory("edgepbx-baresip-").FullName;

    // baresip 1.0 (libre 1.1) fails a 401 with ENOSYS ("Register: Function not implemented") when any
    // WWW-Authenticate header names SHA-256, first or last; the box's default challenge is MD5 alone.
    [Fact]
    public async Task Baresip_registers_with_digest_and_calls_a_sipp_uas_through_the_box()
    {
        if (Sipp.Find() is not { } sipp || Baresip.Find() is not { } baresip)
        {
            return;
        }

        var plan = Path.Combine(_data, "plan.json");
        await File.WriteAllTextAsync(plan, """
            {
              "version": 1,
              "timeZone": "Asia/Shanghai",
              "numbers": { "4006123456": { "name": "Main", "default": "ext:101" } },
              "extensions": { "101": { "name": "Reception" }, "102": { "name": "Sales" } }
            }
            """);
        SetPassword("101", "baresip-101");
        SetPassword("102", "sipp-102");
        using var daemon = await DaemonProcess.StartReadyAsync(_data, Patience, "--plan", plan);

        var phonePort = FreePorts.UdpAndTcp();
        var (registered, registerOutput) = Sipp.RunOn(sipp, "register.xml", daemon.SipPort, phonePort, "-key", "user", "102", "-key", "domain", "edgepbx", "-au", "102", "-ap", "sipp-102");
        Assert.True(registered == 0, $"102 register: sipp exit {registered}:\n{registerOutput}\ndaemon:\n{daemon.Output}");
        var phone = Task.Run(() => Sipp.RunOn(sipp, "extension_answers.xml", daemon.SipPort, phonePort));
        await Task.Delay(500);

        // baresip registers (401, then 200), dials 102 (401 on the INVITE, then 200 from 102) and quits
        // after 8 s, hanging up with BYE.
        var config = Baresip.Configure("101", "baresip-101", daemon.SipPort);
        var (_, phoneOutput101) = Baresip.Run(baresip, config, 8, $"/dial sip:102@127.0.0.1:{daemon.SipPort}");
        var (answered, phoneOutput102) = await phone;

        Assert.True(answered == 0, $"102 (expects INVITE from 101, then ACK and BYE): sipp exit {answered}:\n{phoneOutput102}\nbaresip:\n{phoneOutput101}\ndaemon:\n{daemon.Output}");
        Assert.Matches(@"REGISTER sip:101@\S+ from \S+: 200 OK", daemon.Output);
        Assert.Matches(@"101@127\.0\.0\.1: \{0/UDP/v4\} 200 OK \(EdgePbx\) \[1 binding\]", phoneOutput101);
        Assert.Contains("Call established", phoneOutput101, StringComparison.Ordinal);
        Directory.Delete(config, recursive: true);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private void SetPassword(string extension, string password)
    {
        var (code, stdout, stderr) = DaemonProcess.RunToExitWithInput(password + "\n", Patience, "phone", "set", extension, "--data", _data);
        Assert.True(code == 0, $"phone set {extension}: exit {code}\n{stdout}{stderr}");
    }
}
