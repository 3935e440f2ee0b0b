namespace EdgePbx.Switchboard.Signalling;

/// <summary>What an outbound INVITE says about who calls whom (RFC 3261 8.1.1).</summary>
internal sealed record OutboundInvite(
    string RequestUri,
    string From,
    string To,
    string ContactUser,
    string? PAssertedIdentity,
    string? ReferredBy = null);
