using System.Diagnostics;
using EdgePbx.TestSupport;

namespace EdgePbx.Media.Tests.Interop;

/// <summary>
/// A real sipp (Debian sip-tester) UAS on free loopback ports, running Scenarios/uas_media.xml with a media
/// step put in place of @MEDIA@. Outside CI a missing sipp skips the test; with CI=true it fails.
/// </summary>
internal sealed class SippUas : IDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly Task<string> _output;

    private SippUas(Process process, string dir, int port, int mediaPort)
    {
        _process = process;
        _dir = dir;
        Port = port;
        MediaPort = mediaPort;
        _output = process.StandardOutput.ReadToEndAsync();
    }

    public int Port { get; }

    public int MediaPort { get; }

    public static bool Available() => ExternalTool.Available("sipp");

    public static SippUas Start(string mediaStep, params string[] extraArgs)
    {
        var dir = Directory.CreateTempSubdirectory("edgepbx-media-sipp-").FullName;
        var scenario = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "Scenarios", "uas_media.xml"))
            .Replace("@MEDIA@", mediaStep, StringComparison.Ordinal);
        var scenarioPath = Path.Combine(dir, "uas_media.xml");
        File.WriteAllText(scenarioPath, scenario);
        var port = FreePorts.Udp();
        var mediaPort = FreePorts.EvenPair(4);
        var start = new ProcessStartInfo("sipp") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var a in new[]
        {
            "-sf", scenarioPath, "-i", "127.0.0.1", "-p", port.ToString(), "-mp", mediaPort.ToString(), "-m", "1",
            "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", Path.Combine(dir, "errors.log"),
        }.Concat(extraArgs))
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        process.StandardError.ReadToEndAsync();
        var uas = new SippUas(process, dir, port, mediaPort);
        Assert.True(
            SpinWait.SpinUntil(() => process.HasExited || FreePorts.IsBound(port), TimeSpan.FromSeconds(10)),
            "sipp did not bind its SIP port");
        Assert.False(process.HasExited, "sipp exited at start: " + uas.Errors());
        return uas;
    }

    /// <summary>Waits for sipp to finish its one call; true when it exited 0 (every step passed).</summary>
    public bool Succeeded(out string log)
    {
        if (!_process.WaitForExit(15_000))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        log = $"exit {_process.ExitCode}\n{Errors()}\n{_output.Result[^Math.Min(_output.Result.Length, 2000)..]}";
        return _process.ExitCode == 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Errors()
    {
        var path = Path.Combine(_dir, "errors.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }
}
