namespace EdgePbx.Media.Sdp;

/// <summary>RFC 4566 5.7 c= line: network type IN, address type IP4/IP6, connection address.</summary>
public sealed record SdpConnection(string AddressType, string Address)
{
    /// <summary>RFC 3264 8.4 (and RFC 2543 practice): c=0.0.0.0 is the old way of putting a stream on hold.</summary>
    public bool IsNullAddress => Address is "0.0.0.0" or "::";
}
