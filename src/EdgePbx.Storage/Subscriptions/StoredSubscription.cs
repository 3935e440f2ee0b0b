namespace EdgePbx.Storage.Subscriptions;

/// <summary>One saved subscription dialog (the SIP layer's snapshot, in storage's own terms).</summary>
public sealed record StoredSubscription(
    string CallId,
    string LocalTag,
    string RemoteTag,
    string EventHeader,
    string Package,
    string Resource,
    string Subscriber,
    string LocalUri,
    string RemoteUri,
    string RemoteTarget,
    IReadOnlyList<string> RouteSet,
    long LocalSeq,
    long RemoteSeq,
    string Peer,
    DateTimeOffset ExpiresAt);
