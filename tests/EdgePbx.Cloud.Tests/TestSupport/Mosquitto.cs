namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>Where the mosquitto binary is, and whether a missing one skips (developer machine) or fails (CI).</summary>
internal static class Mosquitto
{
    public const string InstallHint = "mosquitto is not installed: apt-get install -y mosquitto mosquitto-clients";

    public static string? BinaryPath { get; } =
        new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists);

    public static bool MustRun => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
