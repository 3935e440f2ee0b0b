using System.Diagnostics;
using System.Globalization;

namespace EdgePbx.Integration.Tests.Support;

/// <summary>
/// One sipp running in the background with a scenario from Scenarios/ whose @NAME@ placeholders are filled in
/// (file paths, waits), its own SIP and media ports, and a message log the test can read while it runs.
/// </summary>
public sealed class SippProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly string _work;

    private SippProcess(Process process, string work, int port)
    {
        _process = process;
        _work = work;
        Port = port;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Port { get; }

    /// <summary>Everything sipp sent and received so far (its -trace_msg log).</summary>
    public string Messages => ReadShared(Path.Combine(_work, "messages.log"));

    public static SippProcess Start(string sipp, string scenario, int targetPort, IReadOnlyDictionary<string, string> placeholders, int timeoutSeconds, int? localPort = null, params string[] extra)
    {
        var work = Directory.CreateTempSubdirectory("edgepbx-sipp-").FullName;
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario));
        foreach (var (name, value) in placeholders)
        {
            text = text.Replace("@" + name + "@", value, StringComparison.Ordinal);
        }

        var path = Path.Combine(work, scenario);
        File.WriteAllText(path, text);
        var port = localPort ?? FreePorts.UdpAndTcp();
        var start = new ProcessStartInfo(sipp) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
        string[] args =
        [
            $"127.0.0.1:{targetPort}", "-sf", path, "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
            "-mp", FreePorts.EvenPair().ToString(CultureInfo.InvariantCulture),
            "-m", "1", "-timeout", $"{timeoutSeconds}s", "-timeout_error", "-nostdin",
            "-trace_err", "-error_file", Path.Combine(work, "errors.log"),
            "-trace_msg", "-message_file", Path.Combine(work, "messages.log"), .. extra,
        ];
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return new SippProcess(Process.Start(start)!, work, port);
    }

    /// <summary>Waits for sipp to finish and fails the test with its logs unless every step matched.</summary>
    public async Task SucceedsAsync(string who, TimeSpan patience, Func<string> context)
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
        }

        Assert.True(_process.ExitCode == 0, $"{who}: sipp exit {_process.ExitCode}\n{Describe()}\n{context()}");
    }

    /// <summary>Waits until sipp's message log contains <paramref name="text"/> (a real exchange, not a sleep).</summary>
    public async Task SeesAsync(string text, TimeSpan patience, Func<string> context)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!Messages.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"sipp never saw '{text}':\n{Describe()}\n{context()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until <paramref name="text"/> occurs <paramref name="count"/> times in sipp's message log.</summary>
    public async Task SeesAsync(string text, int count, TimeSpan patience, Func<string> context)
    {
        var deadline = DateTime.UtcNow + patience;
        while (Messages.Split(text).Length - 1 < count)
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"sipp never saw '{text}' {count} times:\n{Describe()}\n{context()}");
            await Task.Delay(100);
        }
    }

    public string Describe() =>
        (_process.HasExited ? _stdout.Result + _stderr.Result : string.Empty)
        + ReadShared(Path.Combine(_work, "errors.log")) + "\n--- messages ---\n" + Messages;

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
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
