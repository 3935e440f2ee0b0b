namespace EdgePbx.Media.Sdp;

/// <summary>The formats chosen from one offered m= line.</summary>
internal sealed record Pick(RtpMap Map, AudioCodec Codec, IReadOnlyList<RtpMap> OtherCodecs, RtpMap? TelephoneEvent);
