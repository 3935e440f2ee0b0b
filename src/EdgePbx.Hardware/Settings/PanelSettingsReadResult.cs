namespace EdgePbx.Hardware.Settings;

/// <summary>Either settings that validated, or the reasons they did not (never both).</summary>
public sealed record PanelSettingsReadResult(PanelSettings? Settings, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Settings is not null;
}
