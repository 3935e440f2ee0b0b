namespace EdgePbx.Media.Sdp;

/// <summary>RFC 3551 6 table 4: the static audio payload types we care about (an rtpmap may be omitted for these).</summary>
public static class StaticPayloadTypes
{
    public const int Pcmu = 0;
    public const int Pcma = 8;

    public static RtpMap? Find(int payloadType) => payloadType switch
    {
        Pcmu => new RtpMap(Pcmu, "PCMU", 8000),
        3 => new RtpMap(3, "GSM", 8000),
        4 => new RtpMap(4, "G723", 8000),
        Pcma => new RtpMap(Pcma, "PCMA", 8000),
        9 => new RtpMap(9, "G722", 8000),
        13 => new RtpMap(13, "CN", 8000),
        18 => new RtpMap(18, "G729", 8000),
        _ => null,
    };
}
