using System.Diagnostics;

namespace EdgePbx.Integration.Tests.Support;

/// <summary>
/// A real peer program (sipp, mosquitto, baresip) found on PATH. Outside CI a missing tool skips the
/// test with a message; under CI=true a missing tool fails the test, because .ci/run installs it.
/// </summary>
public static class ExternalTool
{
    public static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        foreach (var dir in new[] { "/usr/sbin", "/usr/bin" })
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The tool's path, or null (skip) with the reason written to the test output; throws under CI.</summary>
    public static string? RequireOrSkip(string name, string debianPackage)
    {
        if (Find(name) is { } path)
        {
            return path;
        }
        string reason = $"{name} not found (apt-get install {debianPackage})";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException(reason + " — required under CI");
        }
        Console.WriteLine("SKIPPED: " + reason);
        return null;
    }

    public static (int ExitCode, string Output) Run(string path, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
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
            process.WaitForExit();
            return (-1, $"{Path.GetFileName(path)} timed out after {timeout}\n{stdout.Result}{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
