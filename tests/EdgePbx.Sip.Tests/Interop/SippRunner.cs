using System.Diagnostics;
using System.Net;

namespace EdgePbx.Sip.Tests.Interop;

/// <summary>Runs sipp against a loopback endpoint and returns its exit code and output.</summary>
internal static class SippRunner
{
    public static string? Path { get; } = new[] { "/usr/bin/sipp", "/usr/local/bin/sipp" }.FirstOrDefault(File.Exists);

    public static async Task<(int ExitCode, string Output)> RunAsync(IPEndPoint target, string? scenario, params string[] args)
    {
        Assert.True(Path is not null, "sipp is required (apt-get install -y sip-tester)");
        var work = Directory.CreateTempSubdirectory("edgepbx-sipp-");
        var psi = new ProcessStartInfo(Path!)
        {
            WorkingDirectory = work.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.ArgumentList.Add($"{target.Address}:{target.Port}");
        if (scenario is not null)
        {
            psi.ArgumentList.Add("-sf");
            psi.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "sipp", scenario));
        }
        foreach (var a in new[] { "-i", "127.0.0.1", "-p", FreeUdpPort(), "-mp", FreeUdpPort(), "-nostdin", "-timeout", "20s", "-timeout_error", "-t", "u1", "-trace_err" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var errors = string.Join("\n", work.EnumerateFiles("*", SearchOption.AllDirectories).Select(f => f.Name + ":\n" + File.ReadAllText(f.FullName)));
        var output = $"{await stderr}\n{errors}";
        if (process.ExitCode == 0)
        {
            work.Delete(recursive: true);
        }
        _ = await stdout;
        return (process.ExitCode, output);
    }

    private static string FreeUdpPort()
    {
        using var s = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.Client.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
