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

    public int ExitCode => _process.ExitCode;

    public static DaemonProcess Start(IDictionary<string, string>? environment = null, params string[] extraArgs)
    {
        int sip = FreePort.Next();
        int web = FreePort.Next();
        while (web == sip)
        {
            web = FreePort.Next();
        }
        string data = Directory.CreateTempSubdirectory("edgepbx-data-").FullName;
        var start = new ProcessStartInfo(NativeBinary.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
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

    /// <summary>Runs the binary to completion (a CLI verb or a start-up that must fail) and returns exit code and output.</summary>
    public static (int ExitCode, string StdOut, string StdErr) RunToExit(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(NativeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
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

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
