using System.Globalization;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Rtp;

namespace EdgePbx.Daemon.Configuration;

/// <summary>Checks the "media" section: <see cref="Read"/> names the first wrong key, <see cref="ReadAll"/> every one (for a form).</summary>
public static class MediaSettingsReader
{
    /// <summary>Lowest port a range may start on: below 1024 are the privileged ports of other services.</summary>
    public const int LowestPort = 1024;

    /// <summary>
    /// At least 100 ports (50 even RTP ports, each with its odd RTCP neighbour): 25 relayed calls, the fewest
    /// a box with four lines, a hunt group ringing all and a voicemail or two can run with.
    /// </summary>
    public const int MinimumPorts = 100;

    public static (MediaSettings? Settings, string? Error) Read(SettingsFileModel.MediaSection section)
    {
        var (settings, issues) = ReadAll(section);
        return (settings, issues.Count == 0 ? null : issues[0].ToString());
    }

    public static (MediaSettings? Settings, IReadOnlyList<SettingsIssue> Issues) ReadAll(SettingsFileModel.MediaSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var issues = new List<SettingsIssue>();
        var settings = new MediaSettings();
        if (section.PromptLanguage is { } language)
        {
            if (SayNumbers.Languages.Contains(language, StringComparer.Ordinal))
            {
                settings = settings with { PromptLanguage = language };
            }
            else
            {
                issues.Add(new("media.promptLanguage", $"'{language}' is not one of {string.Join(", ", SayNumbers.Languages)}"));
            }
        }

        if (section.RtpPorts is { } text)
        {
            if (RangeProblem(text, out var range) is { } problem)
            {
                issues.Add(new("media.rtpPorts", problem));
            }
            else
            {
                settings = settings with { RtpPorts = range! };
            }
        }

        return issues.Count == 0 ? (settings, issues) : (null, issues);
    }

    private static string? RangeProblem(string text, out RtpPortRange? range)
    {
        range = ParseRange(text);
        if (range is null)
        {
            return $"'{text}' is not a port range FIRST-LAST, e.g. 16384-32767";
        }

        if (range.Last < range.First)
        {
            return $"'{text}' ends below its first port (FIRST-LAST, the lower port first)";
        }

        if (range.First < LowestPort || range.Last > 65535)
        {
            return $"'{text}' is outside {LowestPort}-65535";
        }

        if (range.First % 2 != 0)
        {
            return $"'{text}' starts on an odd port (RTP takes even ports, RTCP the odd one after; RFC 3550 11)";
        }

        int count = range.Last - range.First + 1;
        return count < MinimumPorts
            ? $"'{text}' holds {count} ports, fewer than {MinimumPorts} (two even ports per relayed call)"
            : null;
    }

    private static RtpPortRange? ParseRange(string text)
    {
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0)
        {
            return null;
        }

        var first = text.AsSpan(0, dash).Trim();
        var last = text.AsSpan(dash + 1).Trim();
        if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int from)
            || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out int to))
        {
            return null;
        }

        return new RtpPortRange(from, to);
    }
}
