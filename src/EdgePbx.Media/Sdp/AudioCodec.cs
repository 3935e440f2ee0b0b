namespace EdgePbx.Media.Sdp;

/// <summary>The audio codecs the box carries (G.711 only, RFC 3551 static payload types).</summary>
public enum AudioCodec
{
    Pcmu,
    Pcma,
}
