using System.Net;
using System.Net.Sockets;
using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Daemon;

/// <summary>Bad settings stop start-up with one line naming the setting and the reason, and a non-zero exit code.</summary>
public sealed class BadSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-settings-").FullName;

    [Fact]
    public void Unknown_key_in_the_settings_file_is_named_and_start_up_stops()
    {
        string file = Path.Combine(_dir, "settings.json");
        File.WriteAllText(file, """{ "sip": { "lisen": "127.0.0.1:5999" } }""");
        var (code, _, stderr) = Run("run", "--config", file, "--data", _dir);
        Assert.Equal(78, code);
        Assert.Equal($"edgepbx: {file}: unknown key 'sip.lisen' (known here: sip.listen, sip.domain, sip.digestAlgorithms, sip.qualifySeconds)", stderr.Trim());
    }

    [Fact]
    public void Rtp_port_range_too_small_is_named_and_start_up_stops()
    {
        string file = Path.Combine(_dir, "settings.json");
        File.WriteAllText(file, """{ "media": { "rtpPorts": "40000-40010" } }""");
        var (code, _, stderr) = Run("run", "--config", file, "--data", _dir);
        Assert.Equal(78, code);
        Assert.Equal($"edgepbx: {file}: media.rtpPorts: '40000-40010' holds 11 ports, fewer than 100 (two even ports per relayed call)", stderr.Trim());
    }

    [Fact]
    public void Web_port_in_use_is_named_and_start_up_stops()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        int port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        int sip = FreePorts.UdpAndTcp();
        var (code, _, stderr) = Run("run", "--data", _dir, "--sip", $"127.0.0.1:{sip}", "--web", $"127.0.0.1:{port}");
        Assert.Equal(75, code);
        Assert.Contains($"edgepbx: web.listen 127.0.0.1:{port}: address already in use", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_directory_that_cannot_be_created_is_named_and_start_up_stops()
    {
        string blocker = Path.Combine(_dir, "a-file");
        File.WriteAllText(blocker, "not a directory");
        var (code, _, stderr) = Run("run", "--data", Path.Combine(blocker, "data"));
        Assert.Equal(78, code);
        Assert.StartsWith($"edgepbx: dataDir: '{Path.Combine(blocker, "data")}' cannot be created", stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Listen_address_that_is_not_host_and_port_is_named()
    {
        var (code, _, stderr) = Run("run", "--data", _dir, "--sip", "127.0.0.1");
        Assert.Equal(78, code);
        Assert.StartsWith("edgepbx: --sip: expected HOST:PORT", stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_file_that_is_not_json_is_named_with_its_line()
    {
        string file = Path.Combine(_dir, "broken.json");
        File.WriteAllText(file, "{\n  \"dataDir\": \"x\",\n  oops\n}");
        var (code, _, stderr) = Run("run", "--config", file);
        Assert.Equal(78, code);
        Assert.StartsWith($"edgepbx: {file}: not valid JSON at line 3", stderr.Trim(), StringComparison.Ordinal);
    }

    private static (int Code, string StdOut, string StdErr) Run(params string[] args) =>
        DaemonProcess.RunToExit(TimeSpan.FromSeconds(15), args);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
