using EdgePbx.Cloud.Mqtt;

namespace EdgePbx.Daemon.Configuration;

/// <summary>Checks the "cloud" section; key files are resolved relative to the settings file and must exist.</summary>
public static class CloudSettingsReader
{
    public static (CloudSettings? Settings, string? Error) Read(SettingsFileModel.CloudSection section, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (section.DeviceId is { } id && !MqttTopics.IsSafeSegment(id))
        {
            return (null, $"cloud.deviceId: '{id}' is empty or contains / + #");
        }

        var groups = section.Groups ?? [];
        if (groups.FirstOrDefault(g => !MqttTopics.IsSafeSegment(g)) is { } badGroup)
        {
            return (null, $"cloud.groups: '{badGroup}' is empty or contains / + #");
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyId, file) in section.TrustedKeys ?? [])
        {
            var full = Path.Combine(baseDirectory, file);
            if (!File.Exists(full))
            {
                return (null, $"cloud.trustedKeys.{keyId}: '{full}' does not exist");
            }

            keys[keyId] = full;
        }

        if (section.Mqtt is { } mqtt && !MqttBrokerAddress.TryParse(mqtt, out _, out var mqttError))
        {
            return (null, $"cloud.mqtt: {mqttError}");
        }

        Uri? pull = null;
        if (section.PullUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out pull) || pull.Scheme is not ("https" or "http")))
        {
            return (null, $"cloud.pullUrl: '{url}' is not an http(s) URL");
        }

        if (section.PullIntervalSeconds is < 10 or > 86_400)
        {
            return (null, $"cloud.pullIntervalSeconds: {section.PullIntervalSeconds} is outside 10..86400");
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
        if (settings.DeviceId is null != (keys.Count == 0) || (settings.DeviceId is not null && settings.Mqtt is null && pull is null))
        {
            return (null, "cloud: set deviceId, trustedKeys and mqtt or pullUrl together (or none of them)");
        }

        return (settings, null);
    }
}
