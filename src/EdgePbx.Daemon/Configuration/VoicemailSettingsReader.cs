namespace EdgePbx.Daemon.Configuration;

/// <summary>Checks the "voicemail" section: <see cref="Read"/> names the first wrong key, <see cref="ReadAll"/> every one (for a form).</summary>
public static class VoicemailSettingsReader
{
    public const int MaxAccessNumberLength = 16;

    /// <summary>Bounds of voicemail.maxMessageSeconds.</summary>
    public const int ShortestMessageLimit = 5, LongestMessageLimit = 1800;

    /// <summary>Bounds of voicemail.silenceSeconds.</summary>
    public const int ShortestSilence = 1, LongestSilence = 60;

    public static (VoicemailSettings? Settings, string? Error) Read(SettingsFileModel.VoicemailSection section)
    {
        var (settings, issues) = ReadAll(section);
        return (settings, issues.Count == 0 ? null : issues[0].ToString());
    }

    public static (VoicemailSettings? Settings, IReadOnlyList<SettingsIssue> Issues) ReadAll(SettingsFileModel.VoicemailSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var issues = new List<SettingsIssue>();
        var defaults = new VoicemailSettings();
        var access = section.AccessNumber ?? defaults.AccessNumber;
        if (access.Length is 0 or > MaxAccessNumberLength || !access.All(c => char.IsAsciiDigit(c) || c is '*' or '#'))
        {
            issues.Add(new("voicemail.accessNumber", $"'{access}' is not a dialable code (digits, '*' and '#', e.g. *97)"));
        }

        if (section.MaxMessageSeconds is { } max && max is < ShortestMessageLimit or > LongestMessageLimit)
        {
            issues.Add(new("voicemail.maxMessageSeconds", $"{max} is outside {ShortestMessageLimit}..{LongestMessageLimit}"));
        }

        if (section.SilenceSeconds is { } silence && silence is < ShortestSilence or > LongestSilence)
        {
            issues.Add(new("voicemail.silenceSeconds", $"{silence} is outside {ShortestSilence}..{LongestSilence}"));
        }

        if (issues.Count > 0)
        {
            return (null, issues);
        }

        return (new VoicemailSettings
        {
            AccessNumber = access,
            MaxMessageSeconds = section.MaxMessageSeconds ?? defaults.MaxMessageSeconds,
            SilenceSeconds = section.SilenceSeconds ?? defaults.SilenceSeconds,
            UnsolicitedNotify = section.UnsolicitedNotify ?? defaults.UnsolicitedNotify,
        }, issues);
    }
}
