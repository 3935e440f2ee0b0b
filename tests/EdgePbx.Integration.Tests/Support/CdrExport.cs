using System.Globalization;

namespace EdgePbx.Integration.Tests.Support;

/// <summary>`edgepbx cdr export` of the native binary, for tests that read the records a call left.</summary>
internal static class CdrExport
{
    /// <summary>
    /// The records of the hour around now in <paramref name="format"/> (csv or json). A bare date would be a day of
    /// the box's zone (UTC+8), not of UTC, so the range is given as UTC instants.
    /// </summary>
    public static string HourAroundNow(string data, string format, TimeSpan patience)
    {
        var from = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var to = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var (code, stdout, stderr) = DaemonProcess.RunToExit(patience, "cdr", "export", "--data", data, "--from", from, "--to", to, "--format", format);
        Assert.True(code == 0, $"cdr export: exit {code}\n{stdout}{stderr}");
        return stdout;
    }
}
