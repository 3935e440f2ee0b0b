using EdgePbx.Sip.Auth;

namespace EdgePbx.Daemon.Configuration;

/// <summary>Checks "sip.digestAlgorithms": one or more of MD5 and SHA-256, each once, most preferred first.</summary>
public static class DigestAlgorithmsReader
{
    public static (IReadOnlyList<DigestAlgorithm>? Algorithms, string? Error) Read(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return (null, "sip.digestAlgorithms: empty; name at least one of MD5, SHA-256");
        }

        var algorithms = new List<DigestAlgorithm>(names.Count);
        foreach (var name in names)
        {
            // TryParseName maps an absent algorithm to MD5 (RFC 2617 3.2.1); in a setting it must be spelled out.
            if (name is null || !DigestCalculator.TryParseName(name, out var algorithm))
            {
                return (null, $"sip.digestAlgorithms: '{name}' is not one of MD5, SHA-256");
            }

            if (algorithms.Contains(algorithm))
            {
                return (null, $"sip.digestAlgorithms: '{name}' is named twice");
            }

            algorithms.Add(algorithm);
        }

        return (algorithms, null);
    }
}
