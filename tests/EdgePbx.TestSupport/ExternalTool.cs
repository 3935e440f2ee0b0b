using System.Diagnostics;

namespace EdgePbx.TestSupport;

/// <summary>
/// A real peer program (sipp, mosquitto, baresip, sox) found on PATH. Outside CI a missing tool skips the test
/// with a message; under CI=true a missing tool fails the test, because .ci/run installs it.
/// </summary>
public static class ExternalTool
{
    public static string? Find(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Concat(["/usr/sbin", "/usr/bin"]);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, name);
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

        var reason = $"{name} not found (apt-get install {debianPackage})";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException(reason + " — required under CI");
        }

        Console.WriteLine("SKIPPED: " + reason);
        return null;
    }

    /// <summary>Runs the program to its end (killed after <paramref name="timeout"/>, exit code -1): exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string path, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(args);
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
