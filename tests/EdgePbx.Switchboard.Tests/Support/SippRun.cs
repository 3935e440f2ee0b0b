using System.Diagnostics;

namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>One running sipp process: its exit code and everything it said (screens, error and message logs).</summary>
public sealed class SippRun
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly string _logDir;

    private SippRun(Process process, string logDir)
    {
        _process = process;
        _logDir = logDir;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Port { get; private init; }

    /// <summary>
    /// Starts sipp with the scenario from Scenarios/ (placeholders @NAME@ replaced) against the target.
    /// Every run gets its own SIP port (-p), media port (-mp), log files and a global timeout.
    /// </summary>
    public static SippRun Start(string sipp, string scenario, string target, IReadOnlyDictionary<string, string> placeholders, IEnumerable<string> extraArgs, int calls = 1, int timeoutSeconds = 15, int? port = null)
    {
        // FreePorts hands out a port by binding and closing it, and a parallel test (its own RTP range, another
        // sipp) can take it before this sipp binds: sipp then exits at once with -2 (254, "could not bind").
        // That is the harness's race, not the scenario's result: start again on fresh ports.
        for (var attempt = 1; ; attempt++)
        {
            var run = StartOnce(sipp, scenario, target, placeholders, extraArgs, calls, timeoutSeconds, port);
            if (attempt == BindAttempts || !run.FailedToBind())
            {
                return run;
            }
        }
    }

    private const int BindAttempts = 3;
    private const int SippBindFailure = 254; // sipp's exit code -2: a socket could not be bound

    /// <summary>Whether sipp exited with its bind failure within its start-up (it binds before anything else).</summary>
    private bool FailedToBind() => _process.WaitForExit(300) && _process.ExitCode == SippBindFailure;

    private static SippRun StartOnce(string sipp, string scenario, string target, IReadOnlyDictionary<string, string> placeholders, IEnumerable<string> extraArgs, int calls, int timeoutSeconds, int? port)
    {
        var logDir = Directory.CreateTempSubdirectory("sipp-").FullName;
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario));
        foreach (var (name, value) in placeholders)
        {
            text = text.Replace("@" + name + "@", value, StringComparison.Ordinal);
        }

        var scenarioPath = Path.Combine(logDir, scenario);
        File.WriteAllText(scenarioPath, text);
        var sipPort = port ?? FreePorts.Udp();
        var start = new ProcessStartInfo(sipp)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = logDir,
        };
        var args = new List<string>
        {
            "-sf", scenarioPath, "-i", "127.0.0.1", "-p", sipPort.ToString(), "-mp", FreePorts.EvenPair().ToString(),
            "-m", calls.ToString(), "-timeout", $"{timeoutSeconds}s", "-timeout_error", "-nostdin",
            "-trace_err", "-error_file", Path.Combine(logDir, "errors.log"),
            "-trace_msg", "-message_file", Path.Combine(logDir, "messages.log"),
        };
        args.AddRange(extraArgs);
        if (target.Length > 0)
        {
            args.Add(target);
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return new SippRun(Process.Start(start)!, logDir) { Port = sipPort };
    }

    /// <summary>Waits until the process has bound its SIP port (real I/O readiness, not a sleep for logic).</summary>
    public void WaitUntilListening()
    {
        Assert.True(SpinWait.SpinUntil(() => FreePorts.IsBound(Port) || _process.HasExited, TimeSpan.FromSeconds(10)), $"sipp did not bind port {Port}");
        Assert.False(_process.HasExited, "sipp exited before listening:\n" + Describe());
    }

    public async Task<int> ExitCodeAsync(TimeSpan patience)
    {
        using var cts = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return -1;
        }

        return _process.ExitCode;
    }

    /// <summary>Asserts a clean exit (every scenario step and check passed) and shows the logs when it was not.</summary>
    public async Task SucceedsAsync(string what)
    {
        var code = await ExitCodeAsync(TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"{what}: sipp exit code {code}\n{Describe()}");
    }

    public string Messages() => ReadLog("messages.log");

    private string Describe()
    {
        var output = _process.HasExited ? _stdout.Result + _stderr.Result : "(running)";
        return $"--- errors ---\n{ReadLog("errors.log")}\n--- messages ---\n{ReadLog("messages.log")}\n--- output (tail) ---\n{Tail(output, 3000)}";
    }

    private string ReadLog(string name)
    {
        var path = Path.Combine(_logDir, name);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "(none)";
        }
        catch (IOException)
        {
            return "(unreadable)";
        }
    }

    private static string Tail(string s, int n) => s.Length <= n ? s : s[^n..];
}
