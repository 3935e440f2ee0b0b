using EdgePbx.Daemon.Adapters;
using EdgePbx.Sip.Registration;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Registrar;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Daemon.Tests.Adapters;

/// <summary>
/// The registrar's write-behind: answers from memory at once, writes the latest state of each changed
/// binding once per flush interval in one transaction, and a restart (a new store on the same database)
/// sees what was flushed.
/// </summary>
public sealed class PersistentBindingStoreTests : IDisposable
{
    private static readonly TimeSpan Flush = TimeSpan.FromSeconds(1);
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-bindings-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly PbxDatabase _db;
    private readonly BindingStore _rows;

    public PersistentBindingStoreTests()
    {
        _db = PbxDatabase.Open(_dir, _time);
        _rows = new BindingStore(_db);
    }

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private PersistentBindingStore NewStore() => new(_rows, _time, Flush, NullLogger<PersistentBindingStore>.Instance);

    private SipBinding Binding(long cseq, string contact = "sip:101@192.0.2.10:5060") =>
        new("sip:101@edgepbx", contact, "reg-1", cseq, _time.GetUtcNow().AddSeconds(300), null, "UDP:192.0.2.10:5060", "phone");

    [Fact]
    public async Task Refreshes_are_answered_from_memory_at_once_and_written_once_per_flush_interval()
    {
        await using var store = NewStore();
        for (var cseq = 1; cseq <= 50; cseq++)
        {
            store.Upsert(Binding(cseq));
        }

        Assert.Equal(50, Assert.Single(store.GetBindings("sip:101@edgepbx")).CSeq);
        Assert.Empty(_rows.LoadActive());
        Assert.Equal(1, store.PendingCount);

        _time.Advance(Flush);
        await store.LastFlush;

        Assert.Equal(0, store.PendingCount);
        Assert.Equal(50, Assert.Single(_rows.LoadActive()).CSeq);
    }

    [Fact]
    public async Task Removal_after_an_add_within_one_interval_leaves_no_row()
    {
        await using var store = NewStore();
        store.Upsert(Binding(1));
        _time.Advance(Flush);
        await store.LastFlush;
        Assert.Single(_rows.LoadActive());

        store.Upsert(Binding(2));
        store.Remove("sip:101@edgepbx", "sip:101@192.0.2.10:5060");
        _time.Advance(Flush);
        await store.LastFlush;

        Assert.Empty(store.GetBindings("sip:101@edgepbx"));
        Assert.Empty(_rows.LoadActive());
    }

    [Fact]
    public async Task A_clean_stop_writes_what_is_pending_and_a_restart_loads_it()
    {
        var store = NewStore();
        store.Upsert(Binding(7));
        store.Upsert(Binding(1, "sip:101@192.0.2.11:5060"));
        await store.DisposeAsync();

        await using var restarted = NewStore();
        Assert.Equal(["sip:101@192.0.2.10:5060", "sip:101@192.0.2.11:5060"], restarted.GetBindings("sip:101@edgepbx").Select(b => b.ContactUri).Order(StringComparer.Ordinal));
        Assert.Equal(7, restarted.GetAll().Single(b => b.ContactUri == "sip:101@192.0.2.10:5060").CSeq);
    }

    [Fact]
    public async Task Nothing_pending_writes_nothing()
    {
        await using var store = NewStore();
        _time.Advance(Flush * 3);
        await store.LastFlush;
        Assert.Empty(_rows.LoadActive());
    }

    [Fact]
    public void Zero_flush_interval_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PersistentBindingStore(_rows, _time, TimeSpan.Zero, NullLogger<PersistentBindingStore>.Instance));
    }
}
