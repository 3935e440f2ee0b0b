using EdgePbx.Cloud.Mqtt;

namespace EdgePbx.Daemon.Configuration;

/// <summary>
/// Checks the "cloud" section; key files are resolved relative to the settings file and must exist.
/// <see cref="Read"/> names the first wrong key, <see cref="ReadAll"/> every one (for a form).
/// </summary>
public static class CloudSettingsReader
{
    public static (CloudSettings? Settings, string? Error) Read(SettingsFileModel.CloudSection section, string baseDirectory)
    {
        var (settings, issues) = ReadAll(section, baseDirectory);
        return (settings, issues.Count == 0 ? null : issues[0].ToString());
    }

    public static (CloudSettings? Settings, IReadOnlyList<SettingsIssue> Issues) ReadAll(SettingsFileModel.CloudSection section, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(section);
        var issues = new List<SettingsIssue>();
        if (section.DeviceId is { } id && !MqttTopics.IsSafeSegment(id))
        {
            issues.Add(new("cloud.deviceId", $"'{id}' is empty or contains / + #"));
        }

        var groups = section.Groups ?? [];
        if (groups.FirstOrDefault(g => !MqttTopics.IsSafeSegment(g)) is { } badGroup)
        {
            issues.Add(new("cloud.groups", $"'{badGroup}' is empty or contains / + #"));
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyId, file) in section.TrustedKeys ?? [])
        {
            var full = Path.Combine(baseDirectory, file);
            if (!File.Exists(full))
            {
                issues.Add(new($"cloud.trustedKeys.{keyId}", $"'{full}' does not exist", "cloud.trustedKeys"));
                continue;
            }

            keys[keyId] = full;
        }

        if (section.Mqtt is { } mqtt && !MqttBrokerAddress.TryParse(mqtt, out _, out var mqttError))
        {
            issues.Add(new("cloud.mqtt", mqttError));
        }

        Uri? pull = null;
        if (section.PullUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out pull) || pull.Scheme is not ("https" or "http")))
        {
            issues.Add(new("cloud.pullUrl", $"'{url}' is not an http(s) URL"));
            pull = null;
        }

        if (section.PullIntervalSeconds is < 10 or > 86_400)
        {
            issues.Add(new("cloud.pullIntervalSeconds", $"{section.PullIntervalSeconds} is outside 10..86400"));
        }

        var settings = new CloudSettings
        {
            DeviceId = section.DeviceId,
            Groups = groups,
            TrustedKeys = keys,
            Mqtt = section.Mqtt,
            Username = section.Username,
            Password = section.Password,
            PullUrl = pull,
            PullInterval = TimeSpan.FromSeconds(section.PullIntervalSeconds ?? 900),
        };
        if (issues.Count == 0 && ((settings.DeviceId is null != (keys.Count == 0)) || (settings.DeviceId is not null && settings.Mqtt is null && pull is null)))
        {
            issues.Add(new("cloud", "set deviceId, trustedKeys and mqtt or pullUrl together (or none of them)", "cloud.deviceId"));
        }

        return issues.Count == 0 ? (settings, issues) : (null, issues);
    }
}
