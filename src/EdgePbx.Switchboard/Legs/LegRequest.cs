using EdgePbx.Sip.Transport;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Signalling;

namespace EdgePbx.Switchboard.Legs;

/// <summary>One INVITE to send for a hunt member: where, what it says, whose line it lights.</summary>
internal sealed record LegRequest(SipPeer Peer, OutboundInvite Invite, string? Extension, LegKind Kind);
