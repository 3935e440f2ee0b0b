namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>
/// A real peer program found on PATH (the pattern of the integration tests): outside CI a missing tool
/// skips the test with a message; under CI=true a missing tool fails the test, because .ci/run installs it.
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
}
