namespace EdgePbx.Daemon.Configuration;

/// <summary>Either usable settings or the one line that says which setting is wrong and why.</summary>
public sealed record SettingsResult(DaemonSettings? Settings, string? Error)
{
    public static SettingsResult Ok(DaemonSettings settings) => new(settings, null);

    public static SettingsResult Fail(string error) => new(null, error);
}
