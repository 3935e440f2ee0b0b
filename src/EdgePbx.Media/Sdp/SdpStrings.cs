using System.Globalization;

namespace EdgePbx.Media.Sdp;

/// <summary>
/// The strings a parsed description keeps. Most fields of the SDP bodies we see are one of a handful of
/// constants (IN, IP4, audio, RTP/AVP, PCMU, payload type "0"...), so those come back as shared instances
/// instead of a new string per call; everything else is copied out of the text once.
/// </summary>
internal static class SdpStrings
{
    // RFC 3551 3: payload types are 0..127, so the formats of every m= line we meet are in this table.
    private static readonly string[] PayloadTypes = CreatePayloadTypes();

    /// <summary>The decimal text of a payload type, shared for 0..127.</summary>
    public static string PayloadType(int payloadType) => (uint)payloadType < (uint)PayloadTypes.Length
        ? PayloadTypes[payloadType]
        : payloadType.ToString(CultureInfo.InvariantCulture);

    /// <summary>An m= format: the shared text when it is a payload type written the usual way, else a copy (kept verbatim, "08" stays "08").</summary>
    public static string Format(ReadOnlySpan<char> format)
    {
        if (format.Length is > 0 and <= 3
            && int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var payloadType)
            && payloadType < PayloadTypes.Length
            && format.SequenceEqual(PayloadTypes[payloadType]))
        {
            return PayloadTypes[payloadType];
        }

        return Token(format);
    }

    /// <summary>A field of a line: a shared instance for the usual constants, else a copy.</summary>
    public static string Token(ReadOnlySpan<char> token) => token switch
    {
        "" => string.Empty,
        "-" => "-",
        "IN" => "IN",
        "IP4" => "IP4",
        "IP6" => "IP6",
        "0.0.0.0" => "0.0.0.0",
        "audio" => "audio",
        "video" => "video",
        "RTP/AVP" => "RTP/AVP",
        "RTP/SAVP" => "RTP/SAVP",
        "RTP/AVPF" => "RTP/AVPF",
        "PCMU" => "PCMU",
        "PCMA" => "PCMA",
        "telephone-event" => "telephone-event",
        "G729" => "G729",
        "G722" => "G722",
        "CN" => "CN",
        "0-15" => "0-15",
        "0-16" => "0-16",
        _ => token.ToString(),
    };

    /// <summary>
    /// <paramref name="candidate"/> when the text is the same (the o= and c= lines usually name one address),
    /// else <see cref="Token"/>.
    /// </summary>
    public static string Reuse(ReadOnlySpan<char> text, string? candidate) =>
        candidate is not null && text.SequenceEqual(candidate) ? candidate : Token(text);

    private static string[] CreatePayloadTypes()
    {
        var table = new string[128];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return table;
    }
}
