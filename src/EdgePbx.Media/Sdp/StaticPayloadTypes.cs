namespace EdgePbx.Media.Sdp;

/// <summary>RFC 3551 6 table 4: the static audio payload types we care about (an rtpmap may be omitted for these).</summary>
public static class StaticPayloadTypes
{
    public const int Pcmu = 0;
    public const int Pcma = 8;

    // RtpMap is an immutable record, so one instance per type serves every lookup (offers often omit the
    // rtpmap for 0 and 8, and offer/answer looks each format up).
    private static readonly RtpMap PcmuMap = new(Pcmu, "PCMU", 8000);
    private static readonly RtpMap GsmMap = new(3, "GSM", 8000);
    private static readonly RtpMap G723Map = new(4, "G723", 8000);
    private static readonly RtpMap PcmaMap = new(Pcma, "PCMA", 8000);
    private static readonly RtpMap G722Map = new(9, "G722", 8000);
    private static readonly RtpMap ComfortNoiseMap = new(13, "CN", 8000);
    private static readonly RtpMap G729Map = new(18, "G729", 8000);

    public static RtpMap? Find(int payloadType) => payloadType switch
    {
        Pcmu => PcmuMap,
        3 => GsmMap,
        4 => G723Map,
        Pcma => PcmaMap,
        9 => G722Map,
        13 => ComfortNoiseMap,
        18 => G729Map,
        _ => null,
    };
}
