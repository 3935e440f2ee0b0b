using BenchmarkDotNet.Attributes;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Reports;

namespace EdgePbx.Storage.Benchmarks;

/// <summary>Searches and reports over 1,000,000 call records (three months), with the indexes of the migrations.</summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private PbxDatabase _db = null!;
    private CallRecordSearch _search = null!;
    private CallReports _reports = null!;
    private DateTimeOffset _monthStart;
    private DateTimeOffset _monthEnd;
    private DateTimeOffset _all;

    [GlobalSetup]
    public void Setup()
    {
        _db = MillionCalls.OpenSeeded();
        _search = new CallRecordSearch(_db);
        _reports = new CallReports(_db);
        _monthStart = MillionCalls.First.AddMonths(1);
        _monthEnd = _monthStart.AddMonths(1);
        _all = MillionCalls.First.AddMonths(4);
    }

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();

    [Benchmark]
    public int Search_by_caller_number() => _search.Search(new CallSearch { Number = "13800012345" }).Items.Length;

    [Benchmark]
    public int Search_newest_page() => _search.Search(new CallSearch()).Items.Length;

    [Benchmark]
    public int Search_missed_in_one_day() => _search.Search(new CallSearch { Outcome = CallOutcome.Missed, From = _monthStart, To = _monthStart.AddDays(1) }).Items.Length;

    [Benchmark]
    public int Search_by_extension() => _search.Search(new CallSearch { Extension = "8017" }).Items.Length;

    [Benchmark]
    public long Summary_three_months() => _reports.Summary(MillionCalls.First, _all).Calls;

    [Benchmark]
    public int By_hour_one_month() => _reports.ByPeriod(ReportPeriod.Hour, _monthStart, _monthEnd, Beijing).Length;

    [Benchmark]
    public int By_day_three_months() => _reports.ByPeriod(ReportPeriod.Day, MillionCalls.First, _all, Beijing).Length;

    [Benchmark]
    public int Charges_by_month_three_months() => _reports.ByPeriod(ReportPeriod.Month, MillionCalls.First, _all, Beijing).Length;

    [Benchmark]
    public int By_caller_region_three_months() => _reports.ByCallerRegion(MillionCalls.First, _all).Length;

    [Benchmark]
    public int By_destination_three_months() => _reports.ByDestination(MillionCalls.First, _all).Length;
}
