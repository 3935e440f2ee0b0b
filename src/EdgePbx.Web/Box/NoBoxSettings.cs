namespace EdgePbx.Web.Box;

/// <summary>Used when the host registers no <see cref="IBoxSettings"/> (a bare web shell): nothing to show.</summary>
public sealed class NoBoxSettings : IBoxSettings
{
    public string? Source => null;

    public IReadOnlyList<BoxSettingsSection> Sections() => [];
}
