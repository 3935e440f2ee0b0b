using EdgePbx.Sip.Auth;

namespace EdgePbx.Daemon.Configuration;

/// <summary>Checks "sip.digestAlgorithms": one or more of MD5 and SHA-256, each once, most preferred first.</summary>
public static class DigestAlgorithmsReader
{
    public const string Key = "sip.digestAlgorithms";

    /// <summary>The names the setting takes, as a hint or a message lists them.</summary>
    public static readonly IReadOnlyList<string> Names = [DigestCalculator.Name(DigestAlgorithm.Md5), DigestCalculator.Name(DigestAlgorithm.Sha256)];

    public static (IReadOnlyList<DigestAlgorithm>? Algorithms, SettingsIssue? Issue) Read(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return (null, new(Key, $"empty; name at least one of {string.Join(", ", Names)}"));
        }

        var algorithms = new List<DigestAlgorithm>(names.Count);
        foreach (var name in names)
        {
            // TryParseName maps an absent algorithm to MD5 (RFC 2617 3.2.1); in a setting it must be spelled out.
            if (name is null || !DigestCalculator.TryParseName(name, out var algorithm))
            {
                return (null, new(Key, $"'{name}' is not one of {string.Join(", ", Names)}"));
            }

            if (algorithms.Contains(algorithm))
            {
                return (null, new(Key, $"'{name}' is named twice"));
            }

            algorithms.Add(algorithm);
        }

        return (algorithms, null);
    }
}
