using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Registrar;
using EdgePbx.Storage.Tests.Support;
using EdgePbx.Storage.Voicemail;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Stores;

public sealed class BindingAndVoicemailTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(Calls.T0);
    private readonly PbxDatabase _db;

    public BindingAndVoicemailTests() => _db = PbxDatabase.Open(_dir.Path, _time);

    [Fact]
    public async Task Binding_refresh_replaces_the_same_contact_and_expired_bindings_are_not_loaded()
    {
        var store = new BindingStore(_db);
        await store.SaveAsync(new StoredBinding("sip:8001@box", "sip:8001@10.0.0.5", "r1", 1, Calls.T0.AddSeconds(3600), "Yealink", "udp:10.0.0.5:5060"));
        await store.SaveAsync(new StoredBinding("sip:8001@box", "sip:8001@10.0.0.5", "r1", 2, Calls.T0.AddSeconds(7200), "Yealink", "udp:10.0.0.5:5060"));
        await store.SaveAsync(new StoredBinding("sip:8002@box", "sip:8002@10.0.0.6", "r2", 1, Calls.T0.AddSeconds(60), "Fanvil", "udp:10.0.0.6:5060"));

        _time.Advance(TimeSpan.FromSeconds(61));

        var active = Assert.Single(store.LoadActive());
        Assert.Equal(2, active.CSeq);
        Assert.Equal(1, await store.RemoveExpiredAsync());
        Assert.True(await store.RemoveAsync("sip:8001@box", "sip:8001@10.0.0.5"));
        Assert.Empty(store.LoadActive());
    }

    [Fact]
    public async Task Batch_of_binding_changes_is_applied_in_order_in_one_transaction()
    {
        var store = new BindingStore(_db);
        await store.SaveAsync(new StoredBinding("sip:8003@box", "sip:8003@10.0.0.7", "r3", 1, Calls.T0.AddSeconds(3600), "Grandstream", "udp:10.0.0.7:5060"));
        var applied = await store.ApplyAsync(
        [
            new BindingChange("sip:8001@box", "sip:8001@10.0.0.5", new StoredBinding("sip:8001@box", "sip:8001@10.0.0.5", "r1", 7, Calls.T0.AddSeconds(3600), "Yealink", "udp:10.0.0.5:5060")),
            new BindingChange("sip:8002@box", "sip:8002@10.0.0.6", new StoredBinding("sip:8002@box", "sip:8002@10.0.0.6", "r2", 1, Calls.T0.AddSeconds(3600), "Fanvil", "udp:10.0.0.6:5060")),
            new BindingChange("sip:8002@box", "sip:8002@10.0.0.6", null),
            new BindingChange("sip:8003@box", "sip:8003@10.0.0.7", null),
        ]);

        Assert.Equal(4, applied);
        var active = Assert.Single(store.LoadActive());
        Assert.Equal(("sip:8001@box", 7L), (active.Aor, active.CSeq));
        Assert.Equal(0, await store.ApplyAsync([]));
    }

    [Fact]
    public async Task Voicemail_index_lists_newest_first_and_tracks_heard_and_deleted()
    {
        var index = new VoicemailIndex(_db);
        var first = await index.AddAsync("8001", "13800138000", Calls.T0, TimeSpan.FromSeconds(20), "vm/8001/1.wav");
        var second = await index.AddAsync("8001", "13900139000", Calls.T0.AddMinutes(5), TimeSpan.FromSeconds(8), "vm/8001/2.wav");
        await index.AddAsync("8002", "1", Calls.T0, TimeSpan.FromSeconds(1), "vm/8002/1.wav");

        Assert.True(await index.MarkHeardAsync(first));
        Assert.True(await index.DeleteAsync(second));
        Assert.False(await index.DeleteAsync(second));

        var message = Assert.Single(index.List("8001"));
        Assert.Equal(new VoicemailMessage(first, "8001", "13800138000", Calls.T0, TimeSpan.FromSeconds(20), "vm/8001/1.wav", Heard: true), message);
    }

    [Fact]
    public async Task Audit_entries_carry_the_injected_time_newest_first()
    {
        var log = new AuditLog(_db);
        await log.AppendAsync("installer", "settings.changed", "trunk host");
        _time.Advance(TimeSpan.FromMinutes(1));
        await log.AppendAsync("cloud", "plan.applied", "v7");

        var entries = log.Recent(10);

        Assert.Equal([("cloud", Calls.T0.AddMinutes(1)), ("installer", Calls.T0)], entries.Select(e => (e.Actor, e.At)));
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
