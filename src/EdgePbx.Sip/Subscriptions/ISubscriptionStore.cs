namespace EdgePbx.Sip.Subscriptions;

/// <summary>
/// Where a notifier keeps its subscriptions across restarts. Called under the notifier's lock: implementations
/// must not block (write behind). The notifier stays the authority; the store only lets it reload.
/// </summary>
public interface ISubscriptionStore
{
    /// <summary>A subscription was created, refreshed or restored (its expiry or CSeq moved).</summary>
    void Save(SubscriptionSnapshot snapshot);

    /// <summary>A subscription ended (unsubscribed, expired, its NOTIFY refused).</summary>
    void Remove(string callId, string localTag, string remoteTag, string eventHeader);

    /// <summary>The subscriptions saved and not removed, for <see cref="EventNotifier.Restore"/>.</summary>
    IReadOnlyList<SubscriptionSnapshot> Load();
}
