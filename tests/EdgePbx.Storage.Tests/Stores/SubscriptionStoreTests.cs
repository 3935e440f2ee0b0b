using EdgePbx.Storage.Database;
using EdgePbx.Storage.Subscriptions;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Stores;

public sealed class SubscriptionStoreTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(Calls.T0);
    private readonly PbxDatabase _db;

    public SubscriptionStoreTests() => _db = PbxDatabase.Open(_dir.Path, _time);

    private static StoredSubscription Row(string callId, long localSeq, DateTimeOffset expires, params string[] routes) =>
        new(callId, "box1", "phone1", "message-summary", "message-summary", "101", "101", "sip:101@box", "sip:101@box",
            "sip:101@10.0.0.5:5060", routes, localSeq, 2, "10.0.0.5:5060", expires);

    [Fact]
    public async Task A_refresh_updates_the_row_and_a_reopened_database_loads_it_with_its_route_set()
    {
        var store = new SubscriptionStore(_db);
        await store.SaveAsync(Row("s1", 1, Calls.T0.AddSeconds(600), "<sip:proxy1;lr>", "<sip:proxy2;lr>"));
        await store.SaveAsync(Row("s1", 7, Calls.T0.AddSeconds(1200), "<sip:proxy1;lr>", "<sip:proxy2;lr>"));
        await store.SaveAsync(Row("s2", 1, Calls.T0.AddSeconds(600)));

        _db.Dispose();
        using var reopened = PbxDatabase.Open(_dir.Path, _time);
        var rows = new SubscriptionStore(reopened).LoadAll();

        Assert.Equal(["s1", "s2"], rows.Select(r => r.CallId));
        Assert.Equal((7L, Calls.T0.AddSeconds(1200)), (rows[0].LocalSeq, rows[0].ExpiresAt));
        Assert.Equal(["<sip:proxy1;lr>", "<sip:proxy2;lr>"], rows[0].RouteSet);
        Assert.Empty(rows[1].RouteSet);
    }

    [Fact]
    public async Task An_ended_subscription_is_removed_and_only_that_one()
    {
        var store = new SubscriptionStore(_db);
        await store.SaveAsync(Row("s1", 1, Calls.T0.AddSeconds(600)));
        await store.SaveAsync(Row("s2", 1, Calls.T0.AddSeconds(600)));

        Assert.True(await store.RemoveAsync("s1", "box1", "phone1", "message-summary"));
        Assert.False(await store.RemoveAsync("s1", "box1", "phone1", "message-summary"));

        Assert.Equal("s2", Assert.Single(store.LoadAll()).CallId);
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
