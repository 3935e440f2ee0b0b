using System.Diagnostics;

namespace EdgePbx.Media.Tests;

/// <summary>Runs sox/espeak-ng; outside CI a missing tool skips the test, with CI=true it fails.</summary>
internal static class ExternalTool
{
    public static bool Available(string tool)
    {
        var found = Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
        if (!found && Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{tool} is required in CI (apt-get install -y {(tool == "sox" ? "sox" : tool)})");
        }

        return found;
    }

    public static void Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {arguments} failed: {error}");
    }

    /// <summary>Reads a headerless signed 16-bit little-endian mono file (sox -t raw -e signed -b 16).</summary>
    public static short[] ReadRaw16(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        return samples;
    }
}
