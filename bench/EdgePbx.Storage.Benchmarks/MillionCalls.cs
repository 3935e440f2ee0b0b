using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.Benchmarks;

/// <summary>
/// A database of 1,000,000 call records over three months (one call every ~7.8 s, 30 regions, 8 destinations,
/// 40 extensions, 100,000 callers), built once and kept under /tmp so each benchmark process reuses it.
/// </summary>
public static class MillionCalls
{
    public const int Count = 1_000_000;
    public static readonly DateTimeOffset First = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(7_776);

    public static string DataDir => Path.Combine(Path.GetTempPath(), "edgepbx-bench-1m");

    public static PbxDatabase OpenSeeded()
    {
        var db = PbxDatabase.Open(DataDir, TimeProvider.System);
        if (new Reports.CallReports(db).Summary(DateTimeOffset.UnixEpoch, First.AddYears(1)).Calls == Count)
        {
            return db;
        }

        db.Dispose();
        Directory.Delete(DataDir, recursive: true);
        db = PbxDatabase.Open(DataDir, TimeProvider.System);
        var writer = new CallRecordWriter(db);
        var random = new Random(42);
        for (var offset = 0; offset < Count; offset += 10_000)
        {
            var batch = new List<CallRecord>(10_000);
            for (var i = offset; i < offset + 10_000; i++)
            {
                batch.Add(Make(i, random));
            }

            writer.WriteManyAsync(batch).GetAwaiter().GetResult();
        }

        return db;
    }

    public static CallRecord Make(int i, Random random)
    {
        var start = First + Spacing * i;
        var answered = random.Next(100) < 75;
        var extension = "8" + random.Next(1, 41).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        var talk = random.Next(5, 600);
        return new CallRecord
        {
            CallId = $"bench-{i}",
            Caller = "138" + random.Next(100_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
            CallerRegion = Regions[random.Next(Regions.Length)],
            Called = "02160001234",
            EntryNumber = "4008001234",
            Destination = Destinations[random.Next(Destinations.Length)],
            Start = start,
            Answer = answered ? start.AddSeconds(8) : null,
            End = start.AddSeconds(answered ? 8 + talk : 25),
            BilledDuration = answered ? TimeSpan.FromMinutes(Math.Ceiling(talk / 60.0)) : TimeSpan.Zero,
            Charge = answered ? 0.1m * (decimal)Math.Ceiling(talk / 60.0) : 0,
            Outcome = answered ? CallOutcome.Answered : CallOutcome.Missed,
            AnsweredBy = answered ? extension : "",
            Digits = random.Next(4).ToString(System.Globalization.CultureInfo.InvariantCulture),
            HuntAttempts = 1,
            Quality = new MediaQuality(random.Next(20), TimeSpan.FromMilliseconds(random.Next(30))),
            Legs =
            [
                new CallLeg(LegKind.Inbound, "caller", start, start.AddSeconds(1), start.AddSeconds(answered ? 8 + talk : 25), 200, null),
                new CallLeg(LegKind.HuntAttempt, extension, start.AddSeconds(2), answered ? start.AddSeconds(8) : null, start.AddSeconds(answered ? 8 + talk : 25), answered ? 200 : 408, null),
            ],
        };
    }

    private static readonly string[] Regions =
    [
        "北京", "上海", "广州", "深圳", "天津", "重庆", "成都", "杭州", "南京", "武汉", "西安", "苏州", "郑州", "长沙", "沈阳",
        "青岛", "宁波", "东莞", "无锡", "佛山", "合肥", "大连", "福州", "厦门", "哈尔滨", "济南", "温州", "南宁", "长春", "",
    ];

    private static readonly string[] Destinations = ["sales", "support", "billing", "8001", "8002", "voicemail", "13900139000", "fax"];
}
