using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgePbx.Integration.Tests.Support;

/// <summary>One running edgepbx process with loopback ports and a data folder of its own.</summary>
public sealed partial class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DaemonProcess(Process process, int sipPort, int webPort, string dataDirectory)
    {
        _process = process;
        SipPort = sipPort;
        WebPort = webPort;
        DataDirectory = dataDirectory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int SipPort { get; }

    public int WebPort { get; }

    public string DataDirectory { get; }

    public Uri WebBase => new($"http://127.0.0.1:{WebPort}/");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The daemon's process id (a launcher that execs it keeps its own).</summary>
    public int Pid => _process.Id;

    public int ExitCode => _process.ExitCode;

    public static DaemonProcess Start(IDictionary<string, string>? environment = null, params string[] extraArgs) =>
        StartIn(Directory.CreateTempSubdirectory("edgepbx-data-").FullName, environment, extraArgs);

    /// <summary>Starts the daemon on a data directory the test prepared (phone accounts, a database to reuse).</summary>
    public static DaemonProcess StartIn(string data, IDictionary<string, string>? environment = null, params string[] extraArgs) =>
        StartIn(data, null, environment, extraArgs);

    /// <summary>As <see cref="StartIn(string, IDictionary{string, string}?, string[])"/> on a chosen SIP port (a restarted box keeps its port).</summary>
    public static DaemonProcess StartIn(string data, int? sipPort, IDictionary<string, string>? environment, params string[] extraArgs) =>
        StartUnder([], data, environment, extraArgs, sipPort);

    /// <summary>Starts the daemon through <paramref name="launcher"/> (e.g. setpriv with its options), which must exec it in its own process.</summary>
    public static DaemonProcess StartUnder(IReadOnlyList<string> launcher, string data, IDictionary<string, string>? environment, string[] extraArgs, int? sipPort = null)
    {
        int sip = sipPort ?? FreePorts.UdpAndTcp();
        int web = FreePorts.UdpAndTcp();
        while (web == sip)
        {
            web = FreePorts.UdpAndTcp();
        }
        var start = new ProcessStartInfo(launcher.Count == 0 ? NativeBinary.Path : launcher[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        foreach (var arg in launcher.Skip(1).Concat(launcher.Count == 0 ? [] : [NativeBinary.Path]))
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var arg in new[] { "run", "--sip", $"127.0.0.1:{sip}", "--web", $"127.0.0.1:{web}", "--data", data }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return new DaemonProcess(Process.Start(start)!, sip, web, data);
    }

    /// <summary>Starts the daemon on <paramref name="data"/> and waits until it is ready; stops it again if it never is.</summary>
    public static Task<DaemonProcess> StartReadyAsync(string data, TimeSpan patience, params string[] extraArgs) =>
        StartReadyAsync(data, null, patience, extraArgs);

    /// <summary>As <see cref="StartReadyAsync(string, TimeSpan, string[])"/> on a chosen SIP port.</summary>
    public static async Task<DaemonProcess> StartReadyAsync(string data, int? sipPort, TimeSpan patience, params string[] extraArgs)
    {
        var daemon = StartIn(data, sipPort, null, extraArgs);
        try
        {
            await daemon.WaitReadyAsync(patience);
            return daemon;
        }
        catch
        {
            daemon.Dispose();
            throw;
        }
    }

    /// <summary>Waits until /readyz answers 200 (listeners bound, database open); fails the test with the daemon's output otherwise.</summary>
    public async Task WaitReadyAsync(TimeSpan patience)
    {
        using var http = new HttpClient { BaseAddress = WebBase, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            Assert.False(HasExited, "daemon exited before it was ready:\n" + Output);
            Assert.True(DateTime.UtcNow < deadline, $"daemon not ready within {patience.TotalSeconds} s:\n{Output}");
            try
            {
                if ((await http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer (a loaded machine): ask again until the deadline.
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the daemon's log shows <paramref name="text"/>; fails the test with the output otherwise.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(HasExited, "daemon exited:\n" + Output);
            Assert.True(DateTime.UtcNow < deadline, $"no '{text}' within {patience.TotalSeconds} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Runs the binary to completion (a CLI verb or a start-up that must fail) and returns exit code and output.</summary>
    public static (int ExitCode, string StdOut, string StdErr) RunToExit(TimeSpan timeout, params string[] args) =>
        RunToExitWithInput(null, timeout, args);

    /// <summary>As <see cref="RunToExit"/>, writing <paramref name="input"/> to standard input first (secrets are read from there).</summary>
    public static (int ExitCode, string StdOut, string StdErr) RunToExitWithInput(string? input, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(NativeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"edgepbx {string.Join(' ', args)} did not exit within {timeout}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Terminate()
    {
        if (!_process.HasExited && Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException("kill(SIGTERM) failed");
        }
    }

    /// <summary>SIGHUP (what <c>systemctl reload edgepbx</c> sends).</summary>
    public void Hangup()
    {
        if (!_process.HasExited && Kill(_process.Id, SigHup) != 0)
        {
            throw new InvalidOperationException("kill(SIGHUP) failed");
        }
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public long ResidentSetBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
            }
        }
        return -1;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private const int SigTerm = 15;
    private const int SigHup = 1;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
