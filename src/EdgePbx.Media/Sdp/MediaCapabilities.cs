namespace EdgePbx.Media.Sdp;

/// <summary>
/// What our side can do for one call leg: codecs in our preference order (PCMU/PCMA), whether we take
/// RFC 4733 telephone-event, our RTP address and port, and the direction we want (sendonly to hold).
/// </summary>
public sealed record MediaCapabilities(
    IReadOnlyList<AudioCodec> Codecs,
    bool TelephoneEvents,
    string Address,
    int Port,
    MediaDirection Direction = MediaDirection.SendReceive,
    int PacketTimeMs = 20)
{
    /// <summary>Our payload type for telephone-event in offers we make (RFC 4733 uses a dynamic type).</summary>
    public const int DefaultTelephoneEventPayloadType = 101;

    public string AddressType => Address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4";
}
