namespace EdgePbx.Daemon.Configuration;

/// <summary>Checks the "voicemail" section and names the first wrong key.</summary>
public static class VoicemailSettingsReader
{
    public static (VoicemailSettings? Settings, string? Error) Read(SettingsFileModel.VoicemailSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var defaults = new VoicemailSettings();
        var access = section.AccessNumber ?? defaults.AccessNumber;
        if (access.Length is 0 or > 16 || !access.All(c => char.IsAsciiDigit(c) || c is '*' or '#'))
        {
            return (null, $"voicemail.accessNumber: '{access}' is not a dialable code (digits, '*' and '#', e.g. *97)");
        }

        if (section.MaxMessageSeconds is { } max && max is < 5 or > 1800)
        {
            return (null, $"voicemail.maxMessageSeconds: {max} is outside 5..1800");
        }

        if (section.SilenceSeconds is { } silence && silence is < 1 or > 60)
        {
            return (null, $"voicemail.silenceSeconds: {silence} is outside 1..60");
        }

        return (new VoicemailSettings
        {
            AccessNumber = access,
            MaxMessageSeconds = section.MaxMessageSeconds ?? defaults.MaxMessageSeconds,
            SilenceSeconds = section.SilenceSeconds ?? defaults.SilenceSeconds,
            UnsolicitedNotify = section.UnsolicitedNotify ?? defaults.UnsolicitedNotify,
        }, null);
    }
}
