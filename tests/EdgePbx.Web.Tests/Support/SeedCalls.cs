using System.Collections.Immutable;
using EdgePbx.Storage.CallRecords;

namespace EdgePbx.Web.Tests.Support;

/// <summary>Writes call records the way the engine will: through CallRecordWriter, rollups and all.</summary>
public static class SeedCalls
{
    public static CallRecord Call(int n, DateTimeOffset start, bool answered, string caller = "13800138000", string region = "Beijing", string destination = "group:sales", int talk = 90) => new()
    {
        CallId = $"seed-{n}",
        Caller = caller,
        CallerRegion = region,
        Called = "4006123456",
        Destination = destination,
        Start = start,
        Answer = answered ? start.AddSeconds(5) : null,
        End = start.AddSeconds(5 + (answered ? talk : 20)),
        BilledDuration = answered ? TimeSpan.FromSeconds(Math.Ceiling(talk / 60.0) * 60) : TimeSpan.Zero,
        Charge = answered ? 0.12m * (decimal)Math.Ceiling(talk / 60.0) : 0m,
        Outcome = answered ? CallOutcome.Answered : CallOutcome.Missed,
        AnsweredBy = answered ? "102" : "",
        Legs = [new CallLeg(LegKind.Inbound, caller, start, answered ? start.AddSeconds(1) : null, start.AddSeconds(5 + (answered ? talk : 20)), answered ? 200 : 487, null)],
    };

    /// <summary>Calls on 24 and 25 November 2026 (Shanghai): 12 in all, 8 answered, from Beijing and Shanghai, one with hostile text.</summary>
    public static async Task<ImmutableArray<WriteResult>> WriteAsync(WebShellHost host)
    {
        var day1 = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));
        var day2 = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
        var calls = new List<CallRecord>();
        for (var i = 0; i < 6; i++)
        {
            calls.Add(Call(i, day1.AddMinutes(i * 20), answered: i % 3 != 0));
        }

        for (var i = 6; i < 11; i++)
        {
            calls.Add(Call(i, day2.AddMinutes(i * 10), answered: i % 2 == 0, caller: "02160001234", region: "Shanghai", destination: "ext:104", talk: 150));
        }

        calls.Add(Call(11, day2.AddMinutes(200), answered: true, caller: "<script>alert(1)</script>", region: "<b>x</b>", destination: "ext:101"));
        return await new CallRecordWriter(host.Database).WriteManyAsync(calls);
    }
}
