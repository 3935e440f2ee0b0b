using EdgePbx.Media.Sdp;

namespace EdgePbx.Media.Rtp;

/// <summary>One side of a relay: its session and what its offer/answer settled (codec and payload types).</summary>
public sealed record RelayLeg(RtpSession Session, AudioCodec Codec, byte AudioPayloadType, byte? TelephoneEventPayloadType);
