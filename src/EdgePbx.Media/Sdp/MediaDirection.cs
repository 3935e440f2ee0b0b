namespace EdgePbx.Media.Sdp;

/// <summary>RFC 3264 section 5.1 / 6.1 direction attributes; hold is sendonly or inactive.</summary>
public enum MediaDirection
{
    SendReceive,
    SendOnly,
    ReceiveOnly,
    Inactive,
}
