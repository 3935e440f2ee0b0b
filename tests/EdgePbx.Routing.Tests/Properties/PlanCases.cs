using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Validation;
using FsCheck;
using FsCheck.Fluent;

namespace EdgePbx.Routing.Tests.Properties;

/// <summary>A generated plan (valid or not) and calls to put to it.</summary>
public sealed record PlanCase(RoutingPlan Plan, IReadOnlyList<(string Caller, DateTimeOffset At, CallCounters Counters, bool Night)> Calls)
{
    public bool Valid => !PlanValidator.Validate(Plan).Any(i => i.Severity == IssueSeverity.Error);

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Routing.Json.PlanJson.Write(Plan));
}

/// <summary>
/// FsCheck generators of whole plans: random extensions, schedules, groups of every strategy, menus,
/// numbers with rules and splits, lists and limits, wired to each other at random (so some come out
/// invalid, with loops or dangling references, which validation must catch).
/// </summary>
public static class PlanCases
{
    private static readonly string[] ExtensionIds = ["101", "102", "103", "104", "105"];
    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static Arbitrary<PlanCase> Plans() => PlanGen().ToArbitrary();

    public static Gen<PlanCase> PlanGen() =>
        from extIds in Gen.SubListOf(ExtensionIds).Where(l => l.Count > 0)
        from scheduleCount in Gen.Choose(0, 2)
        from groupCount in Gen.Choose(0, 3)
        from menuCount in Gen.Choose(0, 2)
        from plan in PlanWith([.. extIds], [.. Enumerable.Range(0, scheduleCount).Select(i => "s" + i)],
            [.. Enumerable.Range(0, groupCount).Select(i => "g" + i)], [.. Enumerable.Range(0, menuCount).Select(i => "m" + i)])
        from calls in CallGen().ListOf(5)
        select new PlanCase(plan, [.. calls]);

    private static Gen<(string, DateTimeOffset, CallCounters, bool)> CallGen() =>
        from caller in Gen.Elements("01012345678", "075512345678", "13800138000", "18612345678", "09912345678", "02155550000", "+8613912345678")
        from minute in Gen.Choose(0, 366 * 24 * 60)
        from busy in Gen.SubListOf(ExtensionIds.Select(e => "ext:" + e))
        from seq in Gen.Choose(0, 100_000)
        from waiting in Gen.Choose(0, 3)
        from night in Gen.Elements(false, false, true)
        select (caller, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddMinutes(minute),
            new CallCounters
            {
                BusyMembers = busy.ToHashSet(),
                NumberCallSequence = seq,
                GroupCallSequence = new Dictionary<string, long> { ["g0"] = seq, ["g1"] = seq + 7, ["g2"] = seq * 3 },
                Waiting = new Dictionary<string, int> { ["g0"] = waiting, ["g1"] = waiting, ["g2"] = waiting },
                RoundRobinCursor = new Dictionary<string, int> { ["g0"] = waiting - 1 },
            },
            night);

    private static Gen<RoutingPlan> PlanWith(string[] exts, string[] schedules, string[] groups, string[] menus)
    {
        var targets = Gen.OneOf(
        [
            Gen.Elements(exts).Select(e => "ext:" + e),
            Gen.Elements(exts).Select(e => "voicemail:" + e),
            Gen.Elements("external:13700137000", "external:02161234567", "hangup"),
            .. groups.Length > 0 ? new[] { Gen.Elements(groups).Select(g => "group:" + g) } : [],
            .. menus.Length > 0 ? new[] { Gen.Elements(menus).Select(m => "menu:" + m), Gen.Elements(menus).Select(m => "menu:" + m) } : [],
        ]);
        var optionalTarget = Gen.Frequency((2, targets.Select(t => (string?)t)), (1, Gen.Constant<string?>(null)));
        var optionalSchedule = schedules.Length == 0 ? Gen.Constant<string?>(null)
            : Gen.Frequency((1, Gen.Elements(schedules).Select(s => (string?)s)), (1, Gen.Constant<string?>(null)));

        var extension = from voicemail in Gen.Elements(true, true, false)
                        from dnd in Gen.Elements(false, false, false, true)
                        from followMe in Gen.Elements(true, false)
                        from bound in (from n in Gen.Elements("13800138000", "13900139000", "18612345678")
                                       from s in optionalSchedule
                                       select new BoundNumber(n, s)).ListOf().Select(l => l.DistinctBy(b => b.Number).Take(3).ToList())
                        select new Extension(Voicemail: voicemail, DoNotDisturb: dnd, FollowMe: followMe || bound.Count == 0, Bound: bound);

        var window = from days in Gen.SubListOf(Days).Where(d => d.Count > 0)
                     from start in Gen.Choose(0, 23)
                     from end in Gen.Choose(0, 24).Where(t => t != start)
                     select new WeeklyWindow([.. days], $"{start:00}:00", $"{end:00}:00");
        var schedule = from weekly in window.ListOf().Select(l => l.Take(3).ToList())
                       from holiday in Gen.Elements(false, true)
                       select new Schedule(Weekly: weekly, Overrides: holiday ? [new DateOverride("2026-10-01", "2026-10-07")] : null);

        var groupGen = from members in Gen.SubListOf(exts.Select(e => "ext:" + e).Append("external:13700137000")).Where(m => m.Count > 0)
                    from strategy in Gen.Elements(Enum.GetValues<HuntStrategy>())
                    from piles in Gen.Piles(members.Count, 100 - members.Count)
                    from delays in Gen.Choose(0, 15).ArrayOf(members.Count)
                    from skipBusy in Gen.Elements(true, false)
                    from repeat in Gen.Choose(1, 3)
                    from maxWaiting in Gen.Choose(0, 3)
                    from overflow in optionalTarget
                    select new HuntGroup(
                        [.. members.Select((m, i) => new GroupMember(m,
                            Weight: strategy == HuntStrategy.Weighted ? piles[i] + 1 : 0,
                            DelaySeconds: strategy == HuntStrategy.Custom ? delays[i] : 0))],
                        Strategy: strategy, SkipBusy: skipBusy, Repeat: repeat, MaxWaiting: maxWaiting, Overflow: overflow);

        var menu = from keys in Gen.SubListOf(["0", "1", "2", "9", "*", "#"])
                   from keyTargets in targets.ArrayOf(keys.Count)
                   from directDial in Gen.Elements(true, false)
                   from retries in Gen.Choose(0, 2)
                   from onTimeout in optionalTarget
                   from onInvalid in optionalTarget
                   select new IvrMenu("prompt.wav", Options: keys.Select((k, i) => (k, keyTargets[i])).ToDictionary(x => x.k, x => x.Item2),
                       DirectDial: directDial, Retries: retries, OnTimeout: onTimeout, OnInvalid: onInvalid);

        var rule = from s in optionalSchedule
                   from whenOpen in Gen.Elements(true, false)
                   from regions in Gen.SubListOf(["Guangdong", "Beijing/Beijing", "Xinjiang"])
                   from carriers in Gen.SubListOf(["CMCC", "CUCC"])
                   from target in targets
                   from split in Gen.Elements(false, false, true)
                   from a in targets
                   from share in Gen.Choose(1, 99)
                   select split
                       ? new RouteRule(Schedule: s, WhenOpen: whenOpen, Regions: [.. regions], Carriers: [.. carriers], Split: [new SplitShare(target, share), new SplitShare(a, 100 - share)])
                       : new RouteRule(Schedule: s, WhenOpen: whenOpen, Regions: [.. regions], Carriers: [.. carriers], Target: target);

        var number = from def in targets
                     from welcome in Gen.Elements<string?>("w.wav", null)
                     from fax in optionalTarget
                     from night in optionalTarget
                     from rules in rule.ListOf().Select(l => l.Take(3).ToList())
                     select new NumberEntry(def, Welcome: welcome, Fax: fax, Night: night, Rules: rules);

        return from extValues in extension.ArrayOf(exts.Length)
               from scheduleValues in schedule.ArrayOf(schedules.Length)
               from groupValues in groupGen.ArrayOf(groups.Length)
               from menuValues in menu.ArrayOf(menus.Length)
               from numbers in number.ArrayOf(2)
               from blacklist in Gen.Elements(false, true)
               from blocked in Gen.Elements(false, true)
               from limits in Gen.Elements(false, true)
               select new RoutingPlan(
                   RoutingPlan.CurrentVersion,
                   new Dictionary<string, NumberEntry> { ["4001"] = numbers[0], ["4002"] = numbers[1] },
                   Extensions: Zip(exts, extValues),
                   Schedules: Zip(schedules, scheduleValues),
                   Groups: Zip(groups, groupValues),
                   Menus: Zip(menus, menuValues),
                   Lists: blacklist ? new CallLists(new NumberList(["02155550000"], ["0991"])) : null,
                   BlockedRegions: blocked ? ["Guangdong/Shenzhen"] : null,
                   Limits: limits ? new Limits(new FrequencyLimit(3, 10), MaxConcurrent: 5, MaxCallSeconds: 600, DailyCostCapFen: 100) : null);
    }

    private static Dictionary<string, T> Zip<T>(string[] keys, T[] values) =>
        keys.Select((k, i) => (k, values[i])).ToDictionary(x => x.k, x => x.Item2, StringComparer.Ordinal);
}
