using System.Text;
using EdgePbx.Sip.Subscriptions;

namespace EdgePbx.Sip.Tests.Subscriptions;

/// <summary>
/// Subscriptions outlive a restart of the notifier: what is saved, and what a new notifier on the same store does
/// (a NOTIFY in the old dialog, CSeq above the old ones, the expiry kept; expired and unsubscribed ones gone).
/// </summary>
public sealed class SubscriptionRestoreTests
{
    private sealed class MemoryStore : ISubscriptionStore
    {
        public Dictionary<(string, string, string, string), SubscriptionSnapshot> Rows { get; } = [];

        public void Save(SubscriptionSnapshot snapshot) => Rows[(snapshot.CallId, snapshot.LocalTag, snapshot.RemoteTag, snapshot.EventHeader)] = snapshot;

        public void Remove(string callId, string localTag, string remoteTag, string eventHeader) => Rows.Remove((callId, localTag, remoteTag, eventHeader));

        public IReadOnlyList<SubscriptionSnapshot> Load() => [.. Rows.Values];
    }

    [Fact]
    public void A_restarted_notifier_sends_the_current_state_in_the_old_dialog_and_keeps_the_expiry()
    {
        var store = new MemoryStore();
        var before = new NotifierFixture();
        Assert.Equal(0, before.Notifier.Restore(store));
        before.Subscribe("600");
        before.Answer(200);
        before.Package.State["101"] = "Messages-Waiting: yes\r\n";
        before.Notifier.NotifyChanged("message-summary", "101");
        var lastSeq = long.Parse(before.LastNotify.GetHeader("CSeq")!.Split(' ')[0]);
        var saved = Assert.Single(store.Rows.Values);
        Assert.Equal(("sub-1@127.0.0.1", "box1", "phone1", "101"), (saved.CallId, saved.LocalTag, saved.RemoteTag, saved.Resource));

        // The box restarts 100 s later: a new notifier, same store.
        var after = new NotifierFixture();
        after.Time.SetUtcNow(before.Time.GetUtcNow().AddSeconds(100));
        after.Package.State["101"] = "Messages-Waiting: yes\r\n";

        Assert.Equal(1, after.Notifier.Restore(store));

        var notify = Assert.Single(after.Sent).Request;
        Assert.Equal(("sub-1@127.0.0.1", "box1", "phone1"), (notify.CallId, notify.FromTag, notify.ToTag));
        Assert.Equal("sip:101@127.0.0.1:5071", notify.RequestTarget);
        Assert.True(long.Parse(notify.GetHeader("CSeq")!.Split(' ')[0]) > lastSeq);
        Assert.Equal("active;expires=500", notify.GetHeader("Subscription-State"));
        Assert.Equal("Messages-Waiting: yes\r\n", Encoding.UTF8.GetString(notify.Body.Span));
        Assert.Equal(1, after.Notifier.Count);

        // The phone's refresh in the old dialog is a refresh, not a 481.
        after.Answer(200);
        Assert.Equal(200, after.Subscribe("600", toTag: "box1", cseq: 2).Status);
    }

    [Fact]
    public void Unsubscribed_and_expired_subscriptions_are_not_restored()
    {
        var store = new MemoryStore();
        var first = new NotifierFixture();
        first.Notifier.Restore(store);
        first.Subscribe("600");
        first.Answer(200);
        first.Subscribe("0", toTag: "box1", cseq: 2);
        Assert.Empty(store.Rows);

        var second = new NotifierFixture();
        second.Notifier.Restore(store);
        second.Subscribe("600");
        Assert.Single(store.Rows);

        var third = new NotifierFixture();
        third.Time.SetUtcNow(second.Time.GetUtcNow().AddSeconds(601));
        Assert.Equal(0, third.Notifier.Restore(store));
        Assert.Empty(third.Sent);
        Assert.Empty(store.Rows);
        Assert.Equal(0, third.Notifier.Count);
    }
}
