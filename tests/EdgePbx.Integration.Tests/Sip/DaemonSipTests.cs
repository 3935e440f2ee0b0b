using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Sip;

/// <summary>The native daemon's SIP side against sipp: OPTIONS, digest REGISTER, refusals, malformed input.</summary>
public sealed class DaemonSipTests : IDisposable
{
    private const string Password = "desk-phone-101";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _data = Directory.CreateTempSubdirectory("edgepbx-sip-").FullName;

    [Fact]
    public async Task Options_is_answered_200_with_the_Allow_list()
    {
        if (Sipp.Find() is not { } sipp)
        {
            return;
        }

        using var daemon = await StartReadyAsync();
        var (code, output) = Sipp.Run(sipp, "options.xml", daemon.SipPort);
        Assert.True(code == 0, $"sipp exit {code}:\n{output}\ndaemon:\n{daemon.Output}");
    }

    [Fact]
    public async Task Phone_whose_password_was_set_on_the_command_line_registers_with_digest()
    {
        if (Sipp.Find() is not { } sipp)
        {
            return;
        }

        SetPassword("101", Password);
        using var daemon = await StartReadyAsync();
        var (code, output) = Sipp.Run(sipp, "register.xml", daemon.SipPort, "-key", "user", "101", "-key", "domain", "edgepbx", "-au", "101", "-ap", Password);
        Assert.True(code == 0, $"sipp exit {code}:\n{output}\ndaemon:\n{daemon.Output}");
    }

    [Theory]
    [InlineData("101", "not-the-password")]
    [InlineData("999", Password)]
    public async Task Wrong_password_or_an_extension_outside_the_plan_gets_no_binding(string user, string password)
    {
        if (Sipp.Find() is not { } sipp)
        {
            return;
        }

        SetPassword("101", Password);
        SetPassword("999", Password);
        using var daemon = await StartReadyAsync();
        var (code, output) = Sipp.Run(sipp, "register_refused.xml", daemon.SipPort, "-key", "user", user, "-key", "domain", "edgepbx", "-au", user, "-ap", password);
        Assert.True(code == 0, $"sipp exit {code}:\n{output}\ndaemon:\n{daemon.Output}");
    }

    [Fact]
    public async Task Malformed_datagrams_get_400_or_silence_and_the_daemon_keeps_answering()
    {
        if (Sipp.Find() is not { } sipp)
        {
            return;
        }

        using var daemon = await StartReadyAsync();
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(IPAddress.Loopback, daemon.SipPort);
        string[] hostile =
        [
            "garbage\r\n\r\n",
            "INVITE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK1\r\nContent-Length: 99999\r\n\r\n",
            "OPTIONS sip:x SIP/2.0\r\n" + new string('X', 65_000),
            "\0\0\0\0",
            "SIP/2.0 200 OK\r\n\r\n",
        ];
        foreach (var message in hostile)
        {
            await udp.SendAsync(Encoding.ASCII.GetBytes(message), target);
        }

        var (code, output) = Sipp.Run(sipp, "options.xml", daemon.SipPort);
        Assert.True(code == 0, $"sipp exit {code} after hostile input:\n{output}\ndaemon:\n{daemon.Output}");
        Assert.False(daemon.HasExited);
    }

    [Fact]
    public void Sip_port_in_use_is_named_and_start_up_stops_with_75()
    {
        using var squatter = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)squatter.Client.LocalEndPoint!).Port;
        var (code, _, stderr) = DaemonProcess.RunToExit(Patience, "run", "--data", _data, "--sip", $"127.0.0.1:{port}", "--web", $"127.0.0.1:{FreePorts.UdpAndTcp()}");
        Assert.Equal(75, code);
        Assert.Contains($"edgepbx: sip.listen 127.0.0.1:{port}: address already in use", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_reports_sip_and_database()
    {
        using var daemon = await StartReadyAsync();
        using var http = new HttpClient { BaseAddress = daemon.WebBase };
        var body = await http.GetStringAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Contains("\"name\":\"sip\",\"ready\":true", body, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{daemon.SipPort}", body, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"database\",\"ready\":true", body, StringComparison.Ordinal);
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

    private Task<DaemonProcess> StartReadyAsync() => DaemonProcess.StartReadyAsync(_data, Patience);
}
