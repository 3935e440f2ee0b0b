using System.Globalization;

namespace EdgePbx.Media.Sdp;

/// <summary>Collects one m= section's lines while the parser walks them.</summary>
internal sealed class MediaBuilder(string media, int port, string protocol, string[] formats)
{
    private readonly List<RtpMap> _rtpMaps = [];
    private readonly Dictionary<int, string> _fmtp = [];
    private readonly List<string> _other = [];
    private MediaDirection? _direction;
    private int? _ptime;

    public SdpConnection? Connection { get; set; }

    public string? ApplyAttribute(string value)
    {
        var direction = SdpParser.ParseDirection(value);
        if (direction is not null)
        {
            _direction = direction;
            return null;
        }

        if (value.StartsWith("rtpmap:", StringComparison.Ordinal))
        {
            return ParseRtpMap(value["rtpmap:".Length..]);
        }

        if (value.StartsWith("fmtp:", StringComparison.Ordinal))
        {
            var rest = value["fmtp:".Length..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && int.TryParse(rest.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var pt))
            {
                _fmtp[pt] = rest[(space + 1)..];
            }

            return null;
        }

        if (value.StartsWith("ptime:", StringComparison.Ordinal))
        {
            // RFC 4566 6: a=ptime:<packet time> in milliseconds.
            if (!int.TryParse(value.AsSpan("ptime:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms == 0)
            {
                return $"bad ptime \"{value}\"";
            }

            _ptime = ms;
            return null;
        }

        _other.Add(value);
        return null;
    }

    public MediaDescription Build()
    {
        var maps = _rtpMaps
            .Select(map => _fmtp.TryGetValue(map.PayloadType, out var fmtp) ? map with { FormatParameters = fmtp } : map)
            .ToArray();
        return new MediaDescription(media, port, protocol, formats, maps, Connection, _direction, _ptime, _other.ToArray());
    }

    private string? ParseRtpMap(string rest)
    {
        // <payload type> <encoding name>/<clock rate>[/<encoding parameters>]
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !int.TryParse(rest.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
        {
            return $"bad rtpmap \"{rest}\"";
        }

        var parts = rest[(space + 1)..].Split('/');
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rate))
        {
            return $"bad rtpmap \"{rest}\"";
        }

        var channels = 1;
        if (parts.Length > 2 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out channels))
        {
            return $"bad rtpmap channels \"{rest}\"";
        }

        _rtpMaps.Add(new RtpMap(pt, parts[0], rate, channels));
        return null;
    }
}
