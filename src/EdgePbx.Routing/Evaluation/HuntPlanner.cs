using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Evaluation;

/// <summary>Orders a hunt group's members for one call according to its strategy and the counters.</summary>
internal static class HuntPlanner
{
    public static (List<RingLeg> Legs, int? NextCursor) Plan(
        string groupId, HuntGroup group, CallFacts facts, CallCounters counters, List<string> trace)
    {
        var members = group.Members;
        var order = Enumerable.Range(0, members.Count).ToList();
        int? nextCursor = null;
        switch (group.Strategy)
        {
            case HuntStrategy.RoundRobin:
            {
                var last = counters.RoundRobinCursor.TryGetValue(groupId, out var c) ? c : -1;
                var start = members.Count == 0 ? 0 : (((last + 1) % members.Count) + members.Count) % members.Count;
                order = [.. order.Skip(start), .. order.Take(start)];
                nextCursor = start;
                trace.Add($"group {groupId}: round robin starts at member {start + 1} (last started at {(last < 0 ? "none" : (last + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))})");
                break;
            }

            case HuntStrategy.Weighted:
            {
                var seq = counters.GroupCallSequence.TryGetValue(groupId, out var s) ? s : 0;
                var pick = PercentSlot.Pick(members.Select(m => m.Weight).ToList(), seq);
                order.Remove(pick);
                order = [pick, .. order.OrderByDescending(i => members[i].Weight)];
                trace.Add($"group {groupId}: weighted pick {members[pick].Target} ({members[pick].Weight} %) for group call #{seq}");
                break;
            }

            case HuntStrategy.LeastRecent:
                order = [.. order.OrderBy(i => counters.LastCalled.TryGetValue(members[i].Target, out var t) ? t : DateTimeOffset.MinValue)];
                trace.Add($"group {groupId}: least recently called first");
                break;

            case HuntStrategy.FewestCalls:
                order = [.. order.OrderBy(i => counters.CallsTaken.TryGetValue(members[i].Target, out var n) ? n : 0)];
                trace.Add($"group {groupId}: fewest calls first");
                break;

            case HuntStrategy.Random:
                Shuffle(order, facts.RandomSeed);
                trace.Add($"group {groupId}: random order from seed {facts.RandomSeed}");
                break;

            default:
                trace.Add($"group {groupId}: {group.Strategy} in listed order");
                break;
        }

        var legs = new List<RingLeg>(members.Count);
        foreach (var i in order)
        {
            var m = members[i];
            if (group.SkipBusy && counters.BusyMembers.Contains(m.Target))
            {
                trace.Add($"group {groupId}: skip busy member {m.Target}");
                continue;
            }

            var delay = group.Strategy == HuntStrategy.Custom ? m.DelaySeconds : 0;
            legs.Add(new RingLeg(m.Target, delay, m.RingSeconds ?? group.RingSeconds));
        }

        return (legs, nextCursor);
    }

    private static void Shuffle(List<int> order, ulong seed)
    {
        // xorshift64*: deterministic for a seed, good enough to spread calls; never used for security.
        var x = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
        for (var i = order.Count - 1; i > 0; i--)
        {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            var j = (int)((x * 0x2545F4914F6CDD1DUL) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
