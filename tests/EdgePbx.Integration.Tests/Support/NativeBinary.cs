using System.Diagnostics;

namespace EdgePbx.Integration.Tests.Support;

/// <summary>
/// The NativeAOT edgepbx binary under test. EDGEPBX_BINARY names a ready one (CI publishes first);
/// otherwise it is published once into artifacts/test-publish, guarded by a lock file so that test
/// assemblies running side by side do not publish at the same time.
/// </summary>
public static class NativeBinary
{
    private static readonly Lazy<string> Published = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Published.Value;

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("EDGEPBX_BINARY") is { Length: > 0 } given)
        {
            if (!File.Exists(given))
            {
                throw new FileNotFoundException("EDGEPBX_BINARY names a file that does not exist", given);
            }
            return given;
        }

        string outDir = System.IO.Path.Combine(RepositoryPaths.Root, "artifacts", "test-publish", "linux-x64");
        Directory.CreateDirectory(outDir);
        using var gate = AcquireLock(System.IO.Path.Combine(outDir, "..", "publish.lock"));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", System.IO.Path.Combine(RepositoryPaths.Root, "src", "EdgePbx.Daemon"),
                "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", outDir, "--nologo", "-v", "q",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish of the daemon failed:\n" + output);
        }
        return System.IO.Path.Combine(outDir, "edgepbx");
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }
}
