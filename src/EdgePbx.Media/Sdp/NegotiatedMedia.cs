namespace EdgePbx.Media.Sdp;

/// <summary>
/// The outcome of offer/answer for the one audio stream a leg carries: where to send, which codec and
/// payload types are in use, the telephone-event payload type (null if the peer has none) and who sends.
/// </summary>
public sealed record NegotiatedMedia(
    int MediaIndex,
    string RemoteAddress,
    int RemotePort,
    AudioCodec Codec,
    int PayloadType,
    int? TelephoneEventPayloadType,
    int PacketTimeMs,
    MediaDirection LocalDirection)
{
    public bool WeSend => LocalDirection is MediaDirection.SendReceive or MediaDirection.SendOnly;

    public bool WeReceive => LocalDirection is MediaDirection.SendReceive or MediaDirection.ReceiveOnly;
}
