using EdgePbx.Storage.CallRecords;

namespace EdgePbx.Storage.Tests.Support;

/// <summary>Builds realistic call records for tests.</summary>
public static class Calls
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    public static CallRecord Answered(string id, DateTimeOffset start, string caller = "13800138000", string by = "8001", int talkSeconds = 90) => new()
    {
        CallId = id,
        Caller = caller,
        CallerRegion = "北京",
        Called = "02160001234",
        EntryNumber = "4008001234",
        Destination = "sales",
        Start = start,
        Answer = start.AddSeconds(10),
        End = start.AddSeconds(10 + talkSeconds),
        BilledDuration = TimeSpan.FromSeconds(Math.Ceiling(talkSeconds / 60.0) * 60),
        Charge = 0.1m * (decimal)Math.Ceiling(talkSeconds / 60.0),
        Outcome = CallOutcome.Answered,
        AnsweredBy = by,
        Digits = "1",
        HuntAttempts = 2,
        Quality = new MediaQuality(3, TimeSpan.FromMilliseconds(12.5)),
        Legs =
        [
            new CallLeg(LegKind.Inbound, caller, start, start.AddSeconds(1), start.AddSeconds(10 + talkSeconds), 200, new MediaQuality(3, TimeSpan.FromMilliseconds(12.5))),
            new CallLeg(LegKind.HuntAttempt, "8002", start.AddSeconds(2), null, start.AddSeconds(6), 486, null),
            new CallLeg(LegKind.HuntAttempt, by, start.AddSeconds(6), start.AddSeconds(10), start.AddSeconds(10 + talkSeconds), 200, new MediaQuality(1, TimeSpan.FromMilliseconds(4))),
        ],
    };

    public static CallRecord Missed(string id, DateTimeOffset start, string caller = "13900139000") => new()
    {
        CallId = id,
        Caller = caller,
        CallerRegion = "上海",
        Called = "02160001234",
        EntryNumber = "4008001234",
        Destination = "support",
        Start = start,
        End = start.AddSeconds(30),
        Outcome = CallOutcome.Missed,
        HuntAttempts = 1,
        Legs =
        [
            new CallLeg(LegKind.Inbound, caller, start, null, start.AddSeconds(30), 487, null),
            new CallLeg(LegKind.HuntAttempt, "8003", start.AddSeconds(1), null, start.AddSeconds(30), 408, null),
        ],
    };
}
