namespace EdgePbx.Sip.Messages;

/// <summary>Where the pieces of a name-addr / addr-spec header value are (RFC 3261 25.1).</summary>
internal readonly record struct NameAddrParts(Segment DisplayName, Segment Uri, bool Bracketed, Segment Parameters, Segment Tag);
