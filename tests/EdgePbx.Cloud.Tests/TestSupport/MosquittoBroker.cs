using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgePbx.TestSupport;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>A mosquitto of the test's own, on a free loopback port, with its own config file.</summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _config;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string?> _log = new();
    private Process? _process;

    private MosquittoBroker(int port, MosquittoSecurity? security)
    {
        Port = port;
        UsesTls = security is not null;
        _dir = Directory.CreateTempSubdirectory("edgepbx-mosquitto-").FullName;

        // Started as root, mosquitto drops to its own user, which must still read the files here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        _config = Path.Combine(_dir, "mosquitto.conf");
        var securityLines = security is null ? "allow_anonymous true" : security.WriteFiles(_dir);

        // No persistence: a restart loses retained messages and sessions, which is the harsher case
        // for the box (it must resubscribe, and the cloud republishes what it wants applied).
        File.WriteAllText(_config, $"""
            listener {port} 127.0.0.1
            {securityLines}
            persistence false
            log_dest stderr
            log_type error
            log_type warning
            """);
    }

    public bool UsesTls { get; }

    public int Port { get; }

    public string Url => $"{(UsesTls ? "mqtts" : "mqtt")}://127.0.0.1:{Port}";

    public static async Task<MosquittoBroker> StartAsync(MosquittoSecurity? security = null)
    {
        var broker = Prepare(security);
        await broker.StartProcessAsync();
        return broker;
    }

    /// <summary>A broker with its port and config chosen but not running yet (start it with <see cref="RestartAsync"/>).</summary>
    public static MosquittoBroker Prepare(MosquittoSecurity? security = null)
    {
        Assert.True(Mosquitto.BinaryPath is not null, Mosquitto.InstallHint);
        return new MosquittoBroker(FreePorts.Tcp(), security);
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts again on the same port (a box reconnects to the address it knows).</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(Mosquitto.BinaryPath!, ["-c", _config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.ErrorDataReceived += (_, e) => _log.Enqueue(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        // Poll with a deadline until the port accepts: the broker needs a moment to bind.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"mosquitto exited with {(_process.HasExited ? _process.ExitCode : 0)}: {string.Join(" / ", _log)}");
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"mosquitto did not listen on {Port} within 10 s");
    }
}
