using System.Text;
using System.Text.Json;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Export;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Export;

[Collection(RunsAlone.Name)]
public sealed class CdrExportTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly PbxDatabase _db;
    private readonly CallRecordWriter _writer;

    public CdrExportTests()
    {
        _db = PbxDatabase.Open(_dir.Path, new FakeTimeProvider(Calls.T0));
        _writer = new CallRecordWriter(_db);
    }

    private static CallRecord Awkward(string id, DateTimeOffset start) => Calls.Answered(id, start) with
    {
        CallerRegion = "北京,朝阳",
        Destination = "销售部 \"VIP\"",
        OutcomeReason = "line one\r\nline two\nthree",
        Digits = "1,2",
    };

    [Fact]
    public async Task Csv_quotes_commas_quotes_line_breaks_and_keeps_chinese_text()
    {
        await _writer.WriteAsync(Awkward("c1", Calls.T0));
        await _writer.WriteAsync(Calls.Missed("c2", Calls.T0.AddMinutes(1)));
        using var output = new AsyncOnlyStream();

        var result = await CdrExport.RunAsync(_dir.Path, Calls.T0, Calls.T0.AddHours(1), ExportFormat.Csv, output);

        Assert.Equal(new ExportResult(2, null), result);
        var bytes = output.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Rfc4180Reader.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        var header = rows[0];
        var first = rows[1];
        string Field(string name) => first[header.IndexOf(name)];
        Assert.Equal("c1", Field("call_id"));
        Assert.Equal("北京,朝阳", Field("caller_region"));
        Assert.Equal("销售部 \"VIP\"", Field("destination"));
        Assert.Equal("line one\r\nline two\nthree", Field("outcome_reason"));
        Assert.Equal("1,2", Field("digits"));
        Assert.Equal("2026-11-02T01:00:00.000+00:00", Field("start"));
        Assert.Equal("0.200", Field("charge"));
        Assert.Equal("answered", Field("outcome"));
        Assert.Equal("inbound 13800138000 200; hunt 8002 486; hunt 8001 200", Field("legs"));
        Assert.Equal("", rows[2][header.IndexOf("answer")]);
    }

    [Fact]
    public async Task Json_export_is_one_array_with_legs_and_original_text()
    {
        await _writer.WriteAsync(Awkward("j1", Calls.T0));
        await _writer.WriteAsync(Calls.Missed("j2", Calls.T0.AddMinutes(1)));
        await _writer.WriteAsync(Calls.Missed("outside", Calls.T0.AddHours(2)));
        using var output = new AsyncOnlyStream();

        var result = await CdrExport.RunAsync(_dir.Path, Calls.T0, Calls.T0.AddHours(1), ExportFormat.Json, output);

        Assert.Equal(2, result.Rows);
        using var json = JsonDocument.Parse(output.ToArray());
        var calls = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["j1", "j2"], calls.Select(c => c.GetProperty("callId").GetString()));
        Assert.Equal("北京,朝阳", calls[0].GetProperty("callerRegion").GetString());
        Assert.Equal("line one\r\nline two\nthree", calls[0].GetProperty("outcomeReason").GetString());
        Assert.Equal(0.2m, calls[0].GetProperty("charge").GetDecimal());
        Assert.Equal(12.5, calls[0].GetProperty("jitterMs").GetDouble());
        Assert.Equal(["8002", "8001"], calls[0].GetProperty("legs").EnumerateArray().Skip(1).Select(l => l.GetProperty("target").GetString()));
        Assert.Equal(JsonValueKind.Null, calls[1].GetProperty("answer").ValueKind);
        Assert.Equal("missed", calls[1].GetProperty("outcome").GetString());
        // Readable in the file itself, not \u-escaped.
        Assert.Contains("\"callerRegion\":\"北京,朝阳\"", Encoding.UTF8.GetString(output.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_without_a_database_reports_it_and_writes_nothing()
    {
        using var empty = new TempDataDir();
        using var output = new MemoryStream();

        var result = await CdrExport.RunAsync(empty.Path, Calls.T0, Calls.T0.AddDays(1), ExportFormat.Csv, output);

        Assert.False(result.Succeeded);
        Assert.Contains("no database", result.Error);
        Assert.Equal(0, output.Length);
        Assert.False(File.Exists(PbxDatabase.PathIn(empty.Path)));
    }

    [Fact]
    public async Task Export_with_to_before_from_is_refused()
    {
        using var output = new MemoryStream();

        var result = await CdrExport.RunAsync(_dir.Path, Calls.T0, Calls.T0.AddDays(-1), ExportFormat.Json, output);

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData(ExportFormat.Json)]
    [InlineData(ExportFormat.Csv)]
    public async Task Export_memory_stays_flat_as_the_row_count_grows_tenfold(ExportFormat format)
    {
        await SeedAsync(20_000);
        var small = new PeakMemoryStream();
        var large = new PeakMemoryStream();
        GC.Collect();

        var smallRows = await CdrExport.ExportAsync(_db, Calls.T0, Calls.T0.AddMinutes(2_000), format, small);
        var largeRows = await CdrExport.ExportAsync(_db, Calls.T0, Calls.T0.AddMinutes(20_000), format, large);

        Assert.Equal((2_000, 20_000), (smallRows, largeRows));
        Assert.True(large.Bytes > 9 * small.Bytes, $"output {large.Bytes} vs {small.Bytes}");
        Assert.True(large.Writes > 100, "the exporter must write as it goes, not at the end");
        // Holding the rows would keep at least the output size (>10 MB) alive; streaming keeps it flat.
        Assert.True(large.PeakLiveBytes - small.PeakLiveBytes < 2 * 1024 * 1024, $"peak live heap {small.PeakLiveBytes} -> {large.PeakLiveBytes}");
    }

    private async Task SeedAsync(int count)
    {
        for (var offset = 0; offset < count; offset += 5_000)
        {
            var batch = Enumerable.Range(offset, Math.Min(5_000, count - offset)).Select(i => Awkward($"s{i}", Calls.T0.AddMinutes(i))).ToList();
            await _writer.WriteManyAsync(batch);
        }
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
