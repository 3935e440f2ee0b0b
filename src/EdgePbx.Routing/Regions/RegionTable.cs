using System.Collections.Frozen;

namespace EdgePbx.Routing.Regions;

/// <summary>
/// Looks up a caller's region from the number: fixed lines by area code (longest match of 3 or 4 digits),
/// mobiles by carrier segment plus the plan's own mobile prefixes. Immutable once built; every answer is
/// a <see cref="CallerRegion"/> made when the table was built, so a lookup allocates nothing.
/// </summary>
public sealed class RegionTable
{
    private readonly FrozenDictionary<string, CallerRegion> _areaCodes;
    private readonly FrozenDictionary<string, CallerRegion>.AlternateLookup<ReadOnlySpan<char>> _areaCodeSpans;
    private readonly FrozenDictionary<string, CallerRegion> _segments;
    private readonly FrozenDictionary<string, CallerRegion>.AlternateLookup<ReadOnlySpan<char>> _segmentSpans;
    private readonly (string Prefix, string Province, string? City, FrozenDictionary<string, CallerRegion> ByCarrier)[] _mobilePrefixes;
    private readonly FrozenSet<string> _provinces;

    public RegionTable(IReadOnlyDictionary<string, string>? mobilePrefixes = null)
    {
        _areaCodes = AreaCodeData.Entries.ToFrozenDictionary(
            e => e.Code, e => new CallerRegion(e.Province, e.City, null, "area code " + e.Code), StringComparer.Ordinal);
        _areaCodeSpans = _areaCodes.GetAlternateLookup<ReadOnlySpan<char>>();
        _segments = MobileSegmentData.Entries.ToFrozenDictionary(
            e => e.Segment, e => new CallerRegion(null, null, e.Carrier, "mobile segment " + e.Segment), StringComparer.Ordinal);
        _segmentSpans = _segments.GetAlternateLookup<ReadOnlySpan<char>>();
        string?[] carriers = [null, .. MobileSegmentData.Entries.Select(e => e.Carrier).Distinct(StringComparer.Ordinal)];
        _mobilePrefixes = (mobilePrefixes ?? new Dictionary<string, string>())
            .Select(p => SplitRegion(p.Key, p.Value))
            .OrderByDescending(p => p.Prefix.Length)
            .Select(p => (p.Prefix, p.Province, p.City, carriers.ToFrozenDictionary(
                c => c ?? "", c => new CallerRegion(p.Province, p.City, c, "mobile prefix " + p.Prefix), StringComparer.Ordinal)))
            .ToArray();
        _provinces = AreaCodeData.Entries.Select(e => e.Province)
            .Concat(_mobilePrefixes.Select(m => m.Province))
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every province name the table knows; validation checks region names against it.</summary>
    public IEnumerable<string> Provinces => _provinces;

    public bool IsKnownRegion(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var slash = region.IndexOf('/', StringComparison.Ordinal);
        return _provinces.Contains(slash < 0 ? region : region[..slash]);
    }

    public static bool IsKnownCarrier(string carrier) =>
        carrier is "CMCC" or "CUCC" or "CTCC" or "CBN" or "MVNO";

    public CallerRegion Lookup(string caller) => Lookup(NormalizeSpan(caller, out var trunkZero), trunkZero);

    private CallerRegion Lookup(ReadOnlySpan<char> n, bool trunkZero)
    {
        // trunkZero: an international fixed number whose trunk prefix 0 was dropped ("+86 21 ...").
        if (!trunkZero && n.Length == 11 && n[0] == '1')
        {
            _segmentSpans.TryGetValue(n[..3], out var segment);
            foreach (var m in _mobilePrefixes)
            {
                if (n.StartsWith(m.Prefix, StringComparison.Ordinal))
                {
                    return m.ByCarrier[segment?.Carrier ?? ""];
                }
            }

            return segment ?? CallerRegion.Unknown;
        }

        if (trunkZero && n.Length >= 3)
        {
            // Codes are 3 digits (010, 02x) or 4 digits (0xxx) with the 0; here the 0 is missing.
            Span<char> code = stackalloc char[4];
            code[0] = '0';
            n[..3].CopyTo(code[1..]);
            if (_areaCodeSpans.TryGetValue(code[..3], out var r3))
            {
                return r3;
            }

            return _areaCodeSpans.TryGetValue(code, out var r4) ? r4 : CallerRegion.Unknown;
        }

        if (n.Length >= 4 && n[0] == '0')
        {
            // No 3-digit code prefixes a 4-digit one, so the order of the two lookups does not matter.
            if (_areaCodeSpans.TryGetValue(n[..3], out var r3))
            {
                return r3;
            }

            if (_areaCodeSpans.TryGetValue(n[..4], out var r4))
            {
                return r4;
            }
        }

        return CallerRegion.Unknown;
    }

    /// <summary>Strips the +86 / 0086 country code so "+8613800138000" and "13800138000" agree.</summary>
    /// <summary>
    /// Normalizes into <paramref name="buffer"/> when the trunk 0 must be added (no allocation for numbers
    /// that fit), else returns a slice of <paramref name="number"/>.
    /// </summary>
    internal static ReadOnlySpan<char> Normalize(string number, Span<char> buffer)
    {
        var n = NormalizeSpan(number, out var trunkZero);
        if (!trunkZero)
        {
            return n;
        }

        if (n.Length + 1 > buffer.Length)
        {
            return Normalize(number);
        }

        buffer[0] = '0';
        n.CopyTo(buffer[1..]);
        return buffer[..(n.Length + 1)];
    }

    public static string Normalize(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var n = NormalizeSpan(number, out var trunkZero);
        if (trunkZero)
        {
            // An international fixed number drops the trunk prefix 0; put it back for the area code lookup.
            return string.Concat("0", n);
        }

        return n.Length == number.Length ? number : n.ToString();
    }

    /// <summary>
    /// <see cref="Normalize"/> without allocating: the number with +86/0086 stripped, and whether its
    /// trunk prefix 0 must be put back in front (an international fixed-line number).
    /// </summary>
    internal static ReadOnlySpan<char> NormalizeSpan(string number, out bool trunkZero)
    {
        var n = number.AsSpan().Trim();
        var international = n.StartsWith("+86") || n.StartsWith("0086");
        if (international)
        {
            n = n[(n[0] == '+' ? 3 : 4)..];
        }

        trunkZero = international && n.Length > 0 && n[0] is not ('0' or '1' or '4');
        return n;
    }

    private static (string Prefix, string Province, string? City) SplitRegion(string prefix, string region)
    {
        var slash = region.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (prefix, region, null) : (prefix, region[..slash], region[(slash + 1)..]);
    }
}
