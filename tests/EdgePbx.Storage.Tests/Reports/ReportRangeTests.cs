using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Reports;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Reports;

/// <summary>Reports combine hourly sums with the calls of partial hours; these check the seams against a plain count.</summary>
public sealed class ReportRangeTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly PbxDatabase _db;
    private readonly List<CallRecord> _calls = [];

    public ReportRangeTests() => _db = PbxDatabase.Open(_dir.Path, new FakeTimeProvider(Calls.T0));

    private async Task SeedAsync()
    {
        var random = new Random(1234);
        string[] regions = ["北京", "上海", "", "广州"];
        for (var i = 0; i < 400; i++)
        {
            var start = Calls.T0.AddSeconds(random.Next(3 * 86_400));
            var call = random.Next(3) == 0
                ? Calls.Missed($"r{i}", start)
                : Calls.Answered($"r{i}", start, talkSeconds: random.Next(1, 900));
            _calls.Add(call with { CallerRegion = regions[random.Next(regions.Length)] });
        }

        await new CallRecordWriter(_db).WriteManyAsync(_calls);
    }

    private ReportTotals Expected(DateTimeOffset from, DateTimeOffset to, Func<CallRecord, bool>? filter = null)
    {
        var inRange = _calls.Where(c => c.Start >= from && c.Start < to && (filter?.Invoke(c) ?? true)).ToList();
        return new ReportTotals(
            inRange.Count,
            inRange.Count(c => c.Outcome == CallOutcome.Answered),
            inRange.Count(c => c.Outcome == CallOutcome.Missed),
            inRange.Sum(c => (long)c.Duration.TotalSeconds),
            inRange.Sum(c => (long)c.BilledDuration.TotalSeconds),
            inRange.Sum(c => c.Charge));
    }

    [Fact]
    public async Task Reports_over_ranges_that_cut_hours_match_a_plain_count_of_the_calls()
    {
        await SeedAsync();
        var reports = new CallReports(_db);
        var random = new Random(99);

        for (var i = 0; i < 40; i++)
        {
            var from = Calls.T0.AddSeconds(random.Next(-3_600, 2 * 86_400));
            var to = from.AddSeconds(random.Next(1, 2 * 86_400));
            // Some ranges inside a single hour, some on exact hour boundaries.
            if (i % 5 == 0)
            {
                to = from.AddMinutes(random.Next(1, 50));
            }
            else if (i % 5 == 1)
            {
                from = Calls.T0.AddHours(random.Next(0, 24));
                to = from.AddHours(random.Next(1, 48));
            }

            Assert.Equal(Expected(from, to), reports.Summary(from, to));
            foreach (var region in reports.ByCallerRegion(from, to))
            {
                Assert.Equal(Expected(from, to, c => c.CallerRegion == region.Key), region.Totals);
            }

            Assert.Equal(Expected(from, to).Calls, reports.ByPeriod(ReportPeriod.Hour, from, to, TimeSpan.FromHours(8)).Sum(r => r.Totals.Calls));
        }
    }

    [Fact]
    public async Task By_day_totals_match_calls_grouped_by_local_date()
    {
        await SeedAsync();
        var offset = TimeSpan.FromHours(8);
        var from = Calls.T0.AddMinutes(17);
        var to = Calls.T0.AddDays(2).AddMinutes(43);

        var rows = new CallReports(_db).ByPeriod(ReportPeriod.Day, from, to, offset);

        var expected = _calls.Where(c => c.Start >= from && c.Start < to)
            .GroupBy(c => c.Start.ToOffset(offset).Date)
            .OrderBy(g => g.Key)
            .Select(g => (new DateTimeOffset(g.Key, offset), (long)g.Count()));
        Assert.Equal(expected, rows.Select(r => (r.Start, r.Totals.Calls)));
    }

    [Fact]
    public void Offset_that_is_not_whole_hours_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new CallReports(_db).ByPeriod(ReportPeriod.Day, Calls.T0, Calls.T0.AddDays(1), TimeSpan.FromMinutes(330)));
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
