namespace EdgePbx.Media.Sdp;

/// <summary>RFC 4566 5.2 o= line.</summary>
public sealed record SdpOrigin(string UserName, ulong SessionId, ulong SessionVersion, string AddressType, string Address);
