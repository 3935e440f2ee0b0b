using System.Text.Json;

namespace EdgePbx.Daemon.Configuration;

/// <summary>
/// Merges built-in defaults, the settings file and the command line (command line wins) and checks
/// every value. A failure is one line naming the setting and the reason, so an installer reading the
/// journal knows what to fix.
/// </summary>
public static class SettingsLoader
{
    public static SettingsResult Load(CommandLineOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var settings = DaemonSettings.Defaults;

        if (overrides.ConfigFile is { } file)
        {
            var fromFile = ReadFile(file, settings);
            if (fromFile.Error is not null)
            {
                return fromFile;
            }
            settings = fromFile.Settings!;
        }

        if (overrides.SipListen is { } sip)
        {
            if (!ListenAddress.TryParse(sip, out var address, out var error))
            {
                return SettingsResult.Fail($"--sip: {error}");
            }
            settings = settings with { SipListen = address.Value };
        }
        if (overrides.WebListen is { } web)
        {
            if (!ListenAddress.TryParse(web, out var address, out var error))
            {
                return SettingsResult.Fail($"--web: {error}");
            }
            settings = settings with { WebListen = address.Value };
        }
        if (overrides.DataDirectory is { } data)
        {
            settings = settings with { DataDirectory = data };
        }
        if (overrides.PlanFile is { } plan)
        {
            settings = settings with { PlanFile = plan };
        }

        return Check(settings);
    }

    private static SettingsResult ReadFile(string path, DaemonSettings settings)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return SettingsResult.Fail($"--config {path}: cannot read the settings file: {ex.Message}");
        }

        if (SettingsKeyCheck.FindUnknownKey(bytes) is { } unknown)
        {
            return SettingsResult.Fail($"{path}: {unknown}");
        }

        SettingsFileModel? model;
        try
        {
            model = JsonSerializer.Deserialize(bytes, SettingsJsonContext.Default.SettingsFileModel);
        }
        catch (JsonException ex)
        {
            return SettingsResult.Fail(DescribeJsonError(path, ex));
        }
        if (model is null)
        {
            return SettingsResult.Fail($"{path}: the settings file must hold a JSON object");
        }

        settings = settings with { SettingsFile = Path.GetFullPath(path) };
        if (model.Sip?.Listen is { } sip)
        {
            if (!ListenAddress.TryParse(sip, out var address, out var error))
            {
                return SettingsResult.Fail($"{path}: sip.listen: {error}");
            }
            settings = settings with { SipListen = address.Value };
        }
        if (model.Web?.Listen is { } web)
        {
            if (!ListenAddress.TryParse(web, out var address, out var error))
            {
                return SettingsResult.Fail($"{path}: web.listen: {error}");
            }
            settings = settings with { WebListen = address.Value };
        }
        if (model.DataDir is { } dataDir)
        {
            // A relative data directory in a file means relative to that file, not to wherever the daemon was started.
            settings = settings with { DataDirectory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataDir) };
        }
        if (model.PlanFile is { } planFile)
        {
            settings = settings with { PlanFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, planFile) };
        }
        if (model.Sip?.Domain is { } domain)
        {
            if (!SipDomainRule.IsValid(domain))
            {
                return SettingsResult.Fail($"{path}: sip.domain: '{domain}' is not a host name (letters, digits, '-' and '.')");
            }
            settings = settings with { SipDomain = domain };
        }
        if (model.Sip is { } sipSection)
        {
            var read = SipSettingsReader.Read(sipSection, settings);
            if (read.Error is { } problem)
            {
                return SettingsResult.Fail($"{path}: {problem}");
            }
            settings = read.Settings!;
        }
        if (model.Panel is { } panel)
        {
            var read = EdgePbx.Hardware.Settings.PanelSettingsJson.Read(panel);
            if (!read.Succeeded)
            {
                return SettingsResult.Fail($"{path}: {read.Errors[0]}");
            }
            settings = settings with { Panel = read.Settings! };
        }
        if (model.Cloud is { } cloud)
        {
            var read = CloudSettingsReader.Read(cloud, Path.GetDirectoryName(Path.GetFullPath(path))!);
            if (read.Error is { } problem)
            {
                return SettingsResult.Fail($"{path}: {problem}");
            }
            settings = settings with { Cloud = read.Settings! };
        }
        if (model.Trunk is { } trunk)
        {
            var read = TrunkSettingsReader.Read(trunk);
            if (read.Error is { } problem)
            {
                return SettingsResult.Fail($"{path}: {problem}");
            }
            settings = settings with { Trunk = read.Settings! };
        }
        if (model.Voicemail is { } voicemail)
        {
            var read = VoicemailSettingsReader.Read(voicemail);
            if (read.Error is { } problem)
            {
                return SettingsResult.Fail($"{path}: {problem}");
            }
            settings = settings with { Voicemail = read.Settings! };
        }
        if (model.Media is { } media)
        {
            var read = MediaSettingsReader.Read(media);
            if (read.Error is { } problem)
            {
                return SettingsResult.Fail($"{path}: {problem}");
            }
            settings = settings with { Media = read.Settings! };
        }
        if (model.LogLevel is { } level)
        {
            settings = settings with { LogLevel = level };
        }
        return SettingsResult.Ok(settings);
    }

    private static string DescribeJsonError(string path, JsonException ex)
    {
        string where = ex.Path is { Length: > 0 } jsonPath ? jsonPath.TrimStart('$', '.') : "(top)";
        string line = ex.LineNumber is { } n ? $" (line {n + 1})" : string.Empty;
        return $"{path}: {where}: wrong type or not valid JSON{line}";
    }

    private static SettingsResult Check(DaemonSettings settings)
    {
        if (!Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(settings.LogLevel, ignoreCase: true, out _))
        {
            return SettingsResult.Fail($"logLevel: '{settings.LogLevel}' is not one of Trace, Debug, Information, Warning, Error, Critical, None");
        }
        if (settings.SipListen.Port == settings.WebListen.Port && settings.SipListen.Address.Equals(settings.WebListen.Address))
        {
            return SettingsResult.Fail($"web.listen: {settings.WebListen} is the same address as sip.listen (SIP over TCP uses it)");
        }
        if (settings.PlanFile is { } plan && !File.Exists(plan))
        {
            return SettingsResult.Fail($"planFile: '{plan}' does not exist");
        }
        string? dataError = DataDirectoryCheck.EnsureWritable(settings.DataDirectory);
        if (dataError is not null)
        {
            return SettingsResult.Fail($"dataDir: {dataError}");
        }
        return SettingsResult.Ok(settings with { DataDirectory = Path.GetFullPath(settings.DataDirectory) });
    }
}
