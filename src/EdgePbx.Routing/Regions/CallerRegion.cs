namespace EdgePbx.Routing.Regions;

/// <summary>Where a caller is from, as far as the number tells. Unknown parts are null.</summary>
public sealed record CallerRegion(string? Province, string? City, string? Carrier, string Source)
{
    public static readonly CallerRegion Unknown = new(null, null, null, "unknown");

    /// <summary>Matches "Province" or "Province/City" (case-insensitive, pinyin names).</summary>
    public bool Matches(string region)
    {
        if (Province is null)
        {
            return false;
        }

        var slash = region.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return string.Equals(region, Province, StringComparison.OrdinalIgnoreCase);
        }

        return region.AsSpan(0, slash).Equals(Province, StringComparison.OrdinalIgnoreCase)
            && City is not null
            && region.AsSpan(slash + 1).Equals(City, StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() =>
        Province is null ? $"unknown region{(Carrier is null ? "" : " (" + Carrier + ")")}"
        : $"{Province}/{City ?? "?"}{(Carrier is null ? "" : " (" + Carrier + ")")} via {Source}";
}
