namespace EdgePbx.Media.Sdp;

/// <summary>
/// One m= section (RFC 4566 5.14) with what offer/answer needs: formats in preference order, their
/// rtpmaps (explicit or RFC 3551 static), connection, direction, ptime and any other attributes kept verbatim.
/// </summary>
public sealed record MediaDescription(
    string Media,
    int Port,
    string Protocol,
    IReadOnlyList<string> Formats,
    IReadOnlyList<RtpMap> RtpMaps,
    SdpConnection? Connection,
    MediaDirection? Direction,
    int? PacketTimeMs,
    IReadOnlyList<string> OtherAttributes)
{
    /// <summary>RFC 3264 6: a stream with port zero is rejected (or, in an offer, disabled).</summary>
    public bool IsRejected => Port == 0;

    public bool IsRtpAudio => Media == "audio" && (Protocol == "RTP/AVP" || Protocol == "RTP/SAVP" || Protocol == "RTP/AVPF");

    /// <summary>The rtpmap for a format, falling back to RFC 3551 table 4 static payload types.</summary>
    public RtpMap? FindRtpMap(int payloadType)
    {
        foreach (var map in RtpMaps)
        {
            if (map.PayloadType == payloadType)
            {
                return map;
            }
        }

        return StaticPayloadTypes.Find(payloadType);
    }
}
