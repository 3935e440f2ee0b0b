using System.Collections.Frozen;

namespace EdgePbx.Routing.Regions;

/// <summary>
/// Looks up a caller's region from the number: fixed lines by area code (longest match of 3 or 4 digits),
/// mobiles by carrier segment plus the plan's own mobile prefixes. Immutable once built.
/// </summary>
public sealed class RegionTable
{
    private readonly FrozenDictionary<string, (string Province, string City)> _areaCodes;
    private readonly FrozenDictionary<string, string> _carriers;
    private readonly (string Prefix, string Province, string? City)[] _mobilePrefixes;

    public RegionTable(IReadOnlyDictionary<string, string>? mobilePrefixes = null)
    {
        _areaCodes = AreaCodeData.Entries.ToFrozenDictionary(e => e.Code, e => (e.Province, e.City), StringComparer.Ordinal);
        _carriers = MobileSegmentData.Entries.ToFrozenDictionary(e => e.Segment, e => e.Carrier, StringComparer.Ordinal);
        _mobilePrefixes = (mobilePrefixes ?? new Dictionary<string, string>())
            .Select(p => SplitRegion(p.Key, p.Value))
            .OrderByDescending(p => p.Prefix.Length)
            .ToArray();
    }

    /// <summary>Every province name the table knows; validation checks region names against it.</summary>
    public IEnumerable<string> Provinces => _areaCodes.Values.Select(v => v.Province).Distinct(StringComparer.Ordinal);

    public bool IsKnownRegion(string region)
    {
        var slash = region.IndexOf('/', StringComparison.Ordinal);
        var province = slash < 0 ? region : region[..slash];
        return _areaCodes.Values.Any(v => string.Equals(v.Province, province, StringComparison.OrdinalIgnoreCase))
            || _mobilePrefixes.Any(m => string.Equals(m.Province, province, StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsKnownCarrier(string carrier) =>
        carrier is "CMCC" or "CUCC" or "CTCC" or "CBN" or "MVNO";

    public CallerRegion Lookup(string caller)
    {
        var n = Normalize(caller);
        if (n.Length == 11 && n[0] == '1')
        {
            _carriers.TryGetValue(n[..3], out var carrier);
            foreach (var m in _mobilePrefixes)
            {
                if (n.StartsWith(m.Prefix, StringComparison.Ordinal))
                {
                    return new CallerRegion(m.Province, m.City, carrier, "mobile prefix " + m.Prefix);
                }
            }

            return new CallerRegion(null, null, carrier, "mobile segment " + n[..3]);
        }

        if (n.Length >= 4 && n[0] == '0')
        {
            // Codes are 3 digits (010, 02x) or 4 digits (0xxx); no 3-digit code prefixes a 4-digit one.
            if (_areaCodes.TryGetValue(n[..3], out var r3))
            {
                return new CallerRegion(r3.Province, r3.City, null, "area code " + n[..3]);
            }

            if (_areaCodes.TryGetValue(n[..4], out var r4))
            {
                return new CallerRegion(r4.Province, r4.City, null, "area code " + n[..4]);
            }
        }

        return CallerRegion.Unknown;
    }

    /// <summary>Strips the +86 / 0086 country code so "+8613800138000" and "13800138000" agree.</summary>
    public static string Normalize(string number)
    {
        var n = number.AsSpan().Trim();
        var international = n.StartsWith("+86") || n.StartsWith("0086");
        if (international)
        {
            n = n[(n[0] == '+' ? 3 : 4)..];
        }

        if (international && n.Length > 0 && n[0] is not ('0' or '1' or '4'))
        {
            // An international fixed number drops the trunk prefix 0; put it back for the area code lookup.
            return "0" + n.ToString();
        }

        return n.ToString();
    }

    private static (string Prefix, string Province, string? City) SplitRegion(string prefix, string region)
    {
        var slash = region.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (prefix, region, null) : (prefix, region[..slash], region[(slash + 1)..]);
    }
}
