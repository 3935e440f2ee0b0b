namespace EdgePbx.Daemon.Configuration;

/// <summary>
/// Checks the "sip" keys of how phones are challenged and watched, sip.digestAlgorithms (through
/// <see cref="DigestAlgorithmsReader"/>) and sip.qualifySeconds, and puts them on the settings read so far.
/// <see cref="Read"/> names the first wrong key, <see cref="ReadAll"/> every one (for a form). sip.listen and
/// sip.domain are the network keys, checked by <see cref="ListenAddress"/> and <see cref="SipDomainRule"/>.
/// </summary>
public static class SipSettingsReader
{
    /// <summary>The longest qualify interval: an hour (a phone's registration usually expires sooner).</summary>
    public const int LongestQualifySeconds = 3600;

    public static (DaemonSettings? Settings, string? Error) Read(SettingsFileModel.SipSection section, DaemonSettings settings)
    {
        var (read, issues) = ReadAll(section, settings);
        return (read, issues.Count == 0 ? null : issues[0].ToString());
    }

    public static (DaemonSettings? Settings, IReadOnlyList<SettingsIssue> Issues) ReadAll(SettingsFileModel.SipSection section, DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(settings);
        var issues = new List<SettingsIssue>();
        if (section.DigestAlgorithms is { } names)
        {
            var (algorithms, issue) = DigestAlgorithmsReader.Read(names);
            if (issue is not null)
            {
                issues.Add(issue);
            }
            else
            {
                settings = settings with { SipDigestAlgorithms = algorithms! };
            }
        }

        if (section.QualifySeconds is { } qualify)
        {
            if (qualify is < 0 or > LongestQualifySeconds)
            {
                issues.Add(new("sip.qualifySeconds", $"{qualify} is outside 0..{LongestQualifySeconds} (0 turns OPTIONS qualify off)"));
            }
            else
            {
                settings = settings with { SipQualifyInterval = TimeSpan.FromSeconds(qualify) };
            }
        }

        return issues.Count == 0 ? (settings, issues) : (null, issues);
    }
}
