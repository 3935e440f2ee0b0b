using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.CallRecords;

public sealed class CallRecordSearchTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly PbxDatabase _db;
    private readonly CallRecordSearch _search;

    public CallRecordSearchTests()
    {
        _db = PbxDatabase.Open(_dir.Path, new FakeTimeProvider(Calls.T0));
        _search = new CallRecordSearch(_db);
    }

    private async Task SeedAsync()
    {
        var writer = new CallRecordWriter(_db);
        // 30 calls one minute apart: even ones answered by 8001 from 138..., odd ones missed from 139...
        for (var i = 0; i < 30; i++)
        {
            var start = Calls.T0.AddMinutes(i);
            var call = i % 2 == 0 ? Calls.Answered($"a{i}", start) : Calls.Missed($"m{i}", start);
            Assert.True((await writer.WriteAsync(call)).Succeeded);
        }
    }

    [Fact]
    public async Task Search_by_number_matches_caller_or_called()
    {
        await SeedAsync();

        var byCaller = _search.Search(new CallSearch { Number = "13900139000", PageSize = 100 });
        var byCalled = _search.Search(new CallSearch { Number = "02160001234", PageSize = 100 });

        Assert.Equal(15, byCaller.Items.Length);
        Assert.All(byCaller.Items, c => Assert.Equal("13900139000", c.Record.Caller));
        Assert.Equal(30, byCalled.Items.Length);
    }

    [Fact]
    public async Task Search_by_time_range_includes_from_and_excludes_to()
    {
        await SeedAsync();

        var page = _search.Search(new CallSearch { From = Calls.T0.AddMinutes(10), To = Calls.T0.AddMinutes(20), PageSize = 100 });

        Assert.Equal(10, page.Items.Length);
        Assert.Equal(Calls.T0.AddMinutes(19), page.Items[0].Record.Start);
        Assert.Equal(Calls.T0.AddMinutes(10), page.Items[^1].Record.Start);
    }

    [Fact]
    public async Task Search_by_outcome_returns_only_that_outcome()
    {
        await SeedAsync();

        var missed = _search.Search(new CallSearch { Outcome = CallOutcome.Missed, PageSize = 100 });

        Assert.Equal(15, missed.Items.Length);
        Assert.All(missed.Items, c => Assert.Equal(CallOutcome.Missed, c.Record.Outcome));
    }

    [Fact]
    public async Task Search_by_extension_finds_calls_it_answered_and_calls_that_only_rang_it()
    {
        await SeedAsync();

        Assert.Equal(15, _search.Search(new CallSearch { Extension = "8001", PageSize = 100 }).Items.Length);
        // 8002 never answers: it only appears as a busy hunt attempt on the answered calls.
        Assert.Equal(15, _search.Search(new CallSearch { Extension = "8002", PageSize = 100 }).Items.Length);
        Assert.Equal(15, _search.Search(new CallSearch { Extension = "8003", PageSize = 100 }).Items.Length);
        Assert.Empty(_search.Search(new CallSearch { Extension = "8999" }).Items);
    }

    [Fact]
    public async Task Search_by_extension_pages_newest_first_within_the_time_range_and_outcome()
    {
        await SeedAsync();
        var search = new CallSearch { Extension = "8002", From = Calls.T0.AddMinutes(10), Outcome = CallOutcome.Answered, PageSize = 3 };
        var seen = new List<StoredCall>();
        CallCursor? cursor = null;
        do
        {
            var page = _search.Search(search with { After = cursor });
            seen.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);

        var expected = _search.Search(new CallSearch { Outcome = CallOutcome.Answered, From = Calls.T0.AddMinutes(10), PageSize = 100 }).Items
            .Where(c => c.Record.Legs.Any(l => l.Target == "8002") || c.Record.AnsweredBy == "8002");
        Assert.NotEmpty(seen);
        Assert.Equal(expected.Select(c => c.Record.CallId), seen.Select(c => c.Record.CallId));
        Assert.All(seen, c => Assert.True(c.Record.Start >= Calls.T0.AddMinutes(10)));
    }

    [Fact]
    public async Task Paging_walks_every_record_once_newest_first_and_ends_without_cursor()
    {
        await SeedAsync();
        var seen = new List<StoredCall>();
        CallCursor? cursor = null;
        var pages = 0;

        do
        {
            var page = _search.Search(new CallSearch { PageSize = 7, After = cursor });
            seen.AddRange(page.Items);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(5, pages);
        Assert.Equal(30, seen.Select(s => s.Record.CallId).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(s => s.Record.Start).Select(s => s.RowId), seen.Select(s => s.RowId));
    }

    [Fact]
    public async Task Paging_with_filters_combines_them()
    {
        await SeedAsync();

        var first = _search.Search(new CallSearch { Outcome = CallOutcome.Answered, From = Calls.T0.AddMinutes(10), PageSize = 3 });
        var second = _search.Search(new CallSearch { Outcome = CallOutcome.Answered, From = Calls.T0.AddMinutes(10), PageSize = 3, After = first.Next });

        Assert.Equal(["a28", "a26", "a24"], first.Items.Select(i => i.Record.CallId));
        Assert.Equal(["a22", "a20", "a18"], second.Items.Select(i => i.Record.CallId));
    }

    [Fact]
    public void Cursor_text_round_trips_and_garbage_is_rejected()
    {
        var cursor = new CallCursor(1_764_000_000_000, 42);

        Assert.True(CallCursor.TryParse(cursor.ToString(), out var parsed));
        Assert.Equal(cursor, parsed);
        Assert.False(CallCursor.TryParse("12-x", out _));
        Assert.False(CallCursor.TryParse("-5", out _));
        Assert.False(CallCursor.TryParse(null, out _));
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
