namespace EdgePbx.Media.Sdp;

/// <summary>An RFC 4566 session description: session-level fields plus its m= sections in order.</summary>
public sealed record SessionDescription(
    SdpOrigin Origin,
    string SessionName,
    SdpConnection? Connection,
    MediaDirection? Direction,
    IReadOnlyList<MediaDescription> Media)
{
    /// <summary>RFC 4566 5.7: a media-level c= overrides the session-level one.</summary>
    public SdpConnection? ConnectionFor(MediaDescription media) => media.Connection ?? Connection;

    /// <summary>RFC 3264 6.1: a media-level direction overrides the session level; the default is sendrecv.</summary>
    public MediaDirection DirectionFor(MediaDescription media) => media.Direction ?? Direction ?? MediaDirection.SendReceive;
}
