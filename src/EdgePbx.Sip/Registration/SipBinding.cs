namespace EdgePbx.Sip.Registration;

/// <summary>
/// One registrar binding (RFC 3261 10.3): an address-of-record reachable at a contact until
/// <see cref="ExpiresAt"/>. <see cref="Source"/> is where the REGISTER came from ("udp:1.2.3.4:5060"),
/// which is where to send requests when the contact is behind NAT.
/// </summary>
public sealed record SipBinding(
    string AddressOfRecord,
    string ContactUri,
    string CallId,
    long CSeq,
    DateTimeOffset ExpiresAt,
    double? Q,
    string Source,
    string? UserAgent);
