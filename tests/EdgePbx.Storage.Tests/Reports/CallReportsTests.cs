using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Reports;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Reports;

public sealed class CallReportsTests : IDisposable
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly TempDataDir _dir = new();
    private readonly PbxDatabase _db;
    private readonly CallReports _reports;
    private readonly DateTimeOffset _from = Calls.T0.AddDays(-1);
    private readonly DateTimeOffset _to = Calls.T0.AddDays(40);

    public CallReportsTests()
    {
        _db = PbxDatabase.Open(_dir.Path, new FakeTimeProvider(Calls.T0));
        _reports = new CallReports(_db);
    }

    // T0 is 09:00 on 2 November in Beijing.
    private async Task SeedAsync()
    {
        var writer = new CallRecordWriter(_db);
        await writer.WriteAsync(Calls.Answered("a1", Calls.T0, talkSeconds: 90));                       // 09:00, 100 s, billed 120 s, 0.2
        await writer.WriteAsync(Calls.Answered("a2", Calls.T0.AddMinutes(30), talkSeconds: 30));        // 09:30, 40 s, billed 60 s, 0.1
        await writer.WriteAsync(Calls.Missed("m1", Calls.T0.AddHours(1)));                              // 10:00, 30 s, 上海
        await writer.WriteAsync(Calls.Answered("a3", Calls.T0.AddHours(23), talkSeconds: 50) with { CallerRegion = "广州", Destination = "support" }); // 3 Nov 08:00
        // 30 Nov 17:00 UTC is already 1 December in Beijing.
        await writer.WriteAsync(Calls.Missed("m2", new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task Summary_counts_answer_rate_missed_minutes_and_charges()
    {
        await SeedAsync();

        var totals = _reports.Summary(_from, _to);

        Assert.Equal(5, totals.Calls);
        Assert.Equal(3, totals.Answered);
        Assert.Equal(2, totals.Missed);
        Assert.Equal(0.6, totals.AnswerRate, 3);
        Assert.Equal(100 + 40 + 30 + 60 + 30, totals.Seconds);
        Assert.Equal(120 + 60 + 60, totals.BilledSeconds);
        Assert.Equal(0.4m, totals.Charge);
    }

    [Fact]
    public void Summary_of_an_empty_range_is_zero_with_zero_answer_rate()
    {
        var totals = _reports.Summary(_from, _to);

        Assert.Equal(0, totals.Calls);
        Assert.Equal(0, totals.AnswerRate);
    }

    [Fact]
    public async Task By_hour_groups_in_local_time()
    {
        await SeedAsync();

        var rows = _reports.ByPeriod(ReportPeriod.Hour, _from, _to, Beijing);

        Assert.Equal(
            [new DateTimeOffset(2026, 11, 2, 9, 0, 0, Beijing), new DateTimeOffset(2026, 11, 2, 10, 0, 0, Beijing), new DateTimeOffset(2026, 11, 3, 8, 0, 0, Beijing), new DateTimeOffset(2026, 12, 1, 1, 0, 0, Beijing)],
            rows.Select(r => r.Start));
        Assert.Equal(2, rows[0].Totals.Calls);
        Assert.Equal(140 / 60.0, rows[0].Totals.Minutes, 3);
        Assert.Equal(0.3m, rows[0].Totals.Charge);
        Assert.Equal(1, rows[1].Totals.Missed);
    }

    [Fact]
    public async Task By_day_splits_at_local_midnight()
    {
        await SeedAsync();

        var rows = _reports.ByPeriod(ReportPeriod.Day, _from, _to, Beijing);

        Assert.Equal([new DateTimeOffset(2026, 11, 2, 0, 0, 0, Beijing), new DateTimeOffset(2026, 11, 3, 0, 0, 0, Beijing), new DateTimeOffset(2026, 12, 1, 0, 0, 0, Beijing)], rows.Select(r => r.Start));
        Assert.Equal([3L, 1L, 1L], rows.Select(r => r.Totals.Calls));
    }

    [Fact]
    public async Task Charges_by_month_follow_the_local_calendar()
    {
        await SeedAsync();

        var rows = _reports.ByPeriod(ReportPeriod.Month, _from, _to, Beijing);

        Assert.Equal([new DateTimeOffset(2026, 11, 1, 0, 0, 0, Beijing), new DateTimeOffset(2026, 12, 1, 0, 0, 0, Beijing)], rows.Select(r => r.Start));
        Assert.Equal([0.4m, 0m], rows.Select(r => r.Totals.Charge));
    }

    [Fact]
    public async Task By_caller_region_and_by_destination_group_and_sort_busiest_first()
    {
        await SeedAsync();

        var regions = _reports.ByCallerRegion(_from, _to);
        var destinations = _reports.ByDestination(_from, _to);

        Assert.Equal(["上海", "北京", "广州"], regions.Select(r => r.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(2, regions.Single(r => r.Key == "北京").Totals.Answered);
        Assert.Equal(("support", 3L), (destinations[0].Key, destinations[0].Totals.Calls));
        Assert.Equal(("sales", 2L), (destinations[1].Key, destinations[1].Totals.Calls));
    }

    [Fact]
    public async Task Reports_only_count_calls_inside_the_range()
    {
        await SeedAsync();

        var totals = _reports.Summary(Calls.T0, Calls.T0.AddHours(1));

        Assert.Equal(2, totals.Calls);
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
