using System.Text.Json;

namespace EdgePbx.Hardware.Settings;

/// <summary>Reads the "panel" section of the settings file through source-generated JSON (AOT safe).</summary>
public static class PanelSettingsJson
{
    /// <summary>Parses the value of the "panel" key (the object itself, not the whole settings file).</summary>
    public static PanelSettingsReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        PanelSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize(json, PanelJsonContext.Default.PanelSettings);
        }
        catch (JsonException ex)
        {
            // A broken settings file is expected input, not a bug: report where it broke.
            return new(null, [$"panel{ex.Path?.TrimStart('$')}: {ex.Message}"]);
        }

        return Checked(settings);
    }

    /// <summary>Reads the "panel" section from an already parsed settings document.</summary>
    public static PanelSettingsReadResult Read(JsonElement panelSection)
    {
        PanelSettings? settings;
        try
        {
            settings = panelSection.Deserialize(PanelJsonContext.Default.PanelSettings);
        }
        catch (JsonException ex)
        {
            return new(null, [$"panel{ex.Path?.TrimStart('$')}: {ex.Message}"]);
        }

        return Checked(settings);
    }

    public static string Write(PanelSettings settings) =>
        JsonSerializer.Serialize(settings, PanelJsonContext.Default.PanelSettings);

    private static PanelSettingsReadResult Checked(PanelSettings? settings)
    {
        if (settings is null)
        {
            return new(null, ["panel: the section is null"]);
        }

        var errors = PanelSettingsValidator.Validate(settings);
        return errors.Count == 0 ? new(settings, []) : new(null, errors);
    }
}
