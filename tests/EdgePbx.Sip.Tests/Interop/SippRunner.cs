using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgePbx.Sip.Tests.Interop;

/// <summary>
/// Runs sipp against a loopback endpoint (IPv4 or IPv6: sipp binds the same family's loopback) and returns
/// its exit code and output. UDP unless the arguments name another transport (-t t1 for TCP); a free
/// local port unless they name one (-p, a phone that registers and then answers there).
/// </summary>
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
        // IPEndPoint prints an IPv6 address in brackets ("[::1]:5060"), which is the form sipp takes.
        psi.ArgumentList.Add(target.ToString());
        if (scenario is not null)
        {
            psi.ArgumentList.Add("-sf");
            psi.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "sipp", scenario));
        }
        var local = target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        var transport = args.Contains("-t") ? [] : new[] { "-t", "u1" };
        var port = args.Contains("-p") ? [] : new[] { "-p", FreePort(local) };
        foreach (var a in new[] { "-i", local.ToString(), "-mp", FreePort(local), "-nostdin", "-timeout", "20s", "-timeout_error", "-trace_err" }.Concat(port).Concat(transport).Concat(args))
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

    public static string FreePort(IPAddress local)
    {
        using var s = new UdpClient(new IPEndPoint(local, 0));
        return ((IPEndPoint)s.Client.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
