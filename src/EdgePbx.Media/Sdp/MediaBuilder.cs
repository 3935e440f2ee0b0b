using System.Globalization;

namespace EdgePbx.Media.Sdp;

/// <summary>
/// Collects one m= section's lines while the parser walks them. One builder is reused for every m= section
/// of a description (<see cref="Start"/> resets it), so its lists are allocated once per parse.
/// </summary>
internal sealed class MediaBuilder
{
    // Typical audio offers carry 2-4 rtpmaps (PCMU, PCMA, telephone-event, maybe CN).
    private readonly List<RtpMapFields> _rtpMaps = new(4);
    private readonly List<FormatParameters> _fmtp = [];
    private readonly List<string> _other = [];
    private string _media = "";
    private int _port;
    private string _protocol = "";
    private string[] _formats = [];
    private MediaDirection? _direction;
    private int? _ptime;

    public SdpConnection? Connection { get; set; }

    public void Start(string media, int port, string protocol, string[] formats)
    {
        _media = media;
        _port = port;
        _protocol = protocol;
        _formats = formats;
        _rtpMaps.Clear();
        _fmtp.Clear();
        _other.Clear();
        _direction = null;
        _ptime = null;
        Connection = null;
    }

    public string? ApplyAttribute(ReadOnlySpan<char> value)
    {
        var direction = SdpParser.ParseDirection(value);
        if (direction is not null)
        {
            _direction = direction;
            return null;
        }

        if (value.StartsWith("rtpmap:", StringComparison.Ordinal))
        {
            return AddRtpMap(value["rtpmap:".Length..]);
        }

        if (value.StartsWith("fmtp:", StringComparison.Ordinal))
        {
            AddFormatParameters(value["fmtp:".Length..]);
            return null;
        }

        if (value.StartsWith("ptime:", StringComparison.Ordinal))
        {
            // RFC 4566 6: a=ptime:<packet time> in milliseconds.
            if (!int.TryParse(value["ptime:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms == 0)
            {
                return $"bad ptime \"{value}\"";
            }

            _ptime = ms;
            return null;
        }

        _other.Add(value.ToString());
        return null;
    }

    /// <summary>Adds the finished section to the description's list.</summary>
    public void AddTo(List<MediaDescription> media)
    {
        var maps = new RtpMap[_rtpMaps.Count];
        for (var i = 0; i < maps.Length; i++)
        {
            var map = _rtpMaps[i];
            maps[i] = new RtpMap(map.PayloadType, map.EncodingName, map.ClockRate, map.Channels, FindFormatParameters(map.PayloadType));
        }

        media.Add(new MediaDescription(_media, _port, _protocol, _formats, maps, Connection, _direction, _ptime, _other.ToArray()));
    }

    private string? AddRtpMap(ReadOnlySpan<char> rest)
    {
        // <payload type> <encoding name>/<clock rate>[/<encoding parameters>]; anything after a third '/' is ignored.
        var space = rest.IndexOf(' ');
        if (space <= 0 || !int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
        {
            return $"bad rtpmap \"{rest}\"";
        }

        var encoding = rest[(space + 1)..];
        var slash = encoding.IndexOf('/');
        if (slash < 0)
        {
            return $"bad rtpmap \"{rest}\"";
        }

        var name = encoding[..slash];
        var afterName = encoding[(slash + 1)..];
        if (!int.TryParse(UpToSlash(afterName), NumberStyles.None, CultureInfo.InvariantCulture, out var rate))
        {
            return $"bad rtpmap \"{rest}\"";
        }

        var channels = 1;
        var channelsSlash = afterName.IndexOf('/');
        if (channelsSlash >= 0
            && !int.TryParse(UpToSlash(afterName[(channelsSlash + 1)..]), NumberStyles.None, CultureInfo.InvariantCulture, out channels))
        {
            return $"bad rtpmap channels \"{rest}\"";
        }

        _rtpMaps.Add(new RtpMapFields(pt, SdpStrings.Token(name), rate, channels));
        return null;
    }

    // RFC 4566 6: a=fmtp:<format> <format specific parameters>; a later line for the same format wins.
    // A line that does not name a format is ignored, as it always was.
    private void AddFormatParameters(ReadOnlySpan<char> rest)
    {
        var space = rest.IndexOf(' ');
        if (space > 0 && int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var pt))
        {
            _fmtp.Add(new FormatParameters(pt, SdpStrings.Token(rest[(space + 1)..])));
        }
    }

    private string? FindFormatParameters(int payloadType)
    {
        for (var i = _fmtp.Count - 1; i >= 0; i--)
        {
            if (_fmtp[i].PayloadType == payloadType)
            {
                return _fmtp[i].Parameters;
            }
        }

        return null;
    }

    private static ReadOnlySpan<char> UpToSlash(ReadOnlySpan<char> text)
    {
        var slash = text.IndexOf('/');
        return slash < 0 ? text : text[..slash];
    }

    private readonly record struct RtpMapFields(int PayloadType, string EncodingName, int ClockRate, int Channels);

    private readonly record struct FormatParameters(int PayloadType, string Parameters);
}
