using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgePbx.Daemon.Configuration;

/// <summary>
/// Finds the first key in a settings file that the daemon does not know, walking the source-generated
/// metadata of <see cref="SettingsFileModel"/>, so a typo ("sip.lisen") is named exactly instead of
/// being ignored and leaving the box on a default the installer did not choose.
/// </summary>
public static class SettingsKeyCheck
{
    public static string? FindUnknownKey(ReadOnlySpan<byte> json)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return "the settings file is empty";
        }
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed))
            {
                return "the settings file is empty";
            }
            document = parsed;
        }
        catch (JsonException ex)
        {
            return $"not valid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}";
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "the settings file must hold a JSON object";
            }
            return Walk(document.RootElement, SettingsJsonContext.Default.SettingsFileModel, prefix: "");
        }
    }

    private static string? Walk(JsonElement element, JsonTypeInfo type, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            var known = type.Properties.FirstOrDefault(p => p.Name == property.Name);
            string key = prefix + property.Name;
            if (known is null)
            {
                string options = string.Join(", ", type.Properties.Select(p => prefix + p.Name));
                return $"unknown key '{key}' (known here: {options})";
            }
            if (property.Value.ValueKind == JsonValueKind.Object
                && SettingsJsonContext.Default.GetTypeInfo(known.PropertyType) is { Kind: JsonTypeInfoKind.Object } nested)
            {
                if (Walk(property.Value, nested, key + ".") is { } problem)
                {
                    return problem;
                }
            }
        }
        return null;
    }
}
