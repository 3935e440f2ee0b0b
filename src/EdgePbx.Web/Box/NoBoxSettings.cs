namespace EdgePbx.Web.Box;

/// <summary>Used when the host registers no <see cref="IBoxSettings"/> (a bare web shell): nothing to show or save.</summary>
public sealed class NoBoxSettings : IBoxSettings
{
    public string? Source => null;

    public string? ReadOnlyReason => "this web shell runs without the daemon's settings";

    public IReadOnlyList<BoxSettingsSection> Sections() => [];

    public IReadOnlyList<BoxSettingField>? Fields(string section) => null;

    public Task<BoxSettingsSave> SaveAsync(string section, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken) =>
        Task.FromResult(BoxSettingsSave.Refused(new BoxSettingIssue(null, ReadOnlyReason!)));

    public IReadOnlyList<string> PendingRestart => [];
}
