namespace EdgePbx.Sip.Subscriptions;

/// <summary>
/// What a notifier must remember of one subscription to keep serving it after a restart: the dialog (RFC 3261
/// 12: Call-ID, tags, URIs, remote target, route set, our last CSeq), the watched resource, who subscribed, where
/// NOTIFYs go (UDP only: a TCP connection does not survive a restart) and when it expires.
/// </summary>
public sealed record SubscriptionSnapshot(
    string Package,
    string EventHeader,
    string Resource,
    string Subscriber,
    string CallId,
    string LocalTag,
    string RemoteTag,
    string LocalUri,
    string RemoteUri,
    string RemoteTarget,
    IReadOnlyList<string> RouteSet,
    long LocalSeq,
    long RemoteSeq,
    string PeerEndPoint,
    DateTimeOffset ExpiresAt);
