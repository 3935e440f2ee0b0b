using System.Globalization;
using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// Orders a hunt group's members for one call according to its strategy and the counters, then drops
/// the members that cannot take it (busy when the group skips busy members; extensions in do-not-disturb).
/// Orders are stable: members that tie keep their listed order. The legs and weights come made from the
/// plan (<see cref="PlanIndex"/>); per call only the order (on the stack for usual group sizes) and the
/// list of legs to ring are made.
/// </summary>
internal static class HuntPlanner
{
    public static (List<RingLeg> Legs, int? NextCursor) Plan(
        string groupId, HuntGroup group, RingLeg[] planLegs, int[] weights, bool[]? doNotDisturb, ulong randomSeed, CallCounters counters, List<string>? trace)
    {
        const int OnStack = 64;
        var members = group.Members;
        var count = members.Count;
        Span<int> order = count <= OnStack ? stackalloc int[count] : new int[count];
        Span<long> keys = count <= OnStack ? stackalloc long[count] : new long[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        int? nextCursor = null;
        switch (group.Strategy)
        {
            case HuntStrategy.RoundRobin when count > 0:
            {
                var last = counters.RoundRobinCursor.TryGetValue(groupId, out var c) ? c : -1;
                var start = (((last + 1) % count) + count) % count;
                for (var i = 0; i < count; i++)
                {
                    order[i] = (start + i) % count;
                }

                nextCursor = start;
                trace?.Add($"group {groupId}: round robin starts at member {start + 1} (last started at {(last < 0 ? "none" : (last + 1).ToString(CultureInfo.InvariantCulture))})");
                break;
            }

            case HuntStrategy.Weighted when count > 0:
            {
                var seq = counters.GroupCallSequence.TryGetValue(groupId, out var s) ? s : 0;
                var pick = PercentSlot.Pick(weights, seq);

                // The picked member first, the others after it by falling weight (a fair second choice).
                for (var i = 0; i < count; i++)
                {
                    keys[i] = i == pick ? long.MinValue : -weights[i];
                }

                StableSort(order, keys);
                trace?.Add($"group {groupId}: weighted pick {members[pick].Target} ({members[pick].Weight} %) for group call #{seq}");
                break;
            }

            case HuntStrategy.LeastRecent:
            {
                for (var i = 0; i < count; i++)
                {
                    keys[i] = counters.LastCalled.TryGetValue(members[i].Target, out var t) ? t.UtcTicks : long.MinValue;
                }

                StableSort(order, keys);
                trace?.Add($"group {groupId}: least recently called first");
                break;
            }

            case HuntStrategy.FewestCalls:
            {
                for (var i = 0; i < count; i++)
                {
                    keys[i] = counters.CallsTaken.TryGetValue(members[i].Target, out var n) ? n : 0;
                }

                StableSort(order, keys);
                trace?.Add($"group {groupId}: fewest calls first");
                break;
            }

            case HuntStrategy.Random:
                Shuffle(order, randomSeed);
                trace?.Add($"group {groupId}: random order from seed {randomSeed}");
                break;

            default:
                trace?.Add($"group {groupId}: {(group.Strategy == HuntStrategy.Custom ? "custom" : group.Strategy == HuntStrategy.RingAll ? "ring all" : "sequential")}, in listed order");
                break;
        }

        var legs = new List<RingLeg>(count);
        foreach (var i in order)
        {
            var m = members[i];
            if (group.SkipBusy && counters.BusyMembers.Contains(m.Target))
            {
                trace?.Add($"group {groupId}: skip busy member {m.Target}");
                continue;
            }

            if (doNotDisturb is not null && doNotDisturb[i])
            {
                trace?.Add($"group {groupId}: skip member {m.Target} (do not disturb)");
                continue;
            }

            legs.Add(planLegs[i]);
        }

        return (legs, nextCursor);
    }

    /// <summary>Insertion sort of <paramref name="order"/> by key: stable, and groups are small.</summary>
    private static void StableSort(Span<int> order, ReadOnlySpan<long> keys)
    {
        for (var i = 1; i < order.Length; i++)
        {
            var item = order[i];
            var j = i - 1;
            while (j >= 0 && keys[order[j]] > keys[item])
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = item;
        }
    }

    private static void Shuffle(Span<int> order, ulong seed)
    {
        // xorshift64* (Fisher-Yates): deterministic for a seed, good enough to spread calls; never used for security.
        var x = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
        for (var i = order.Length - 1; i > 0; i--)
        {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            var j = (int)((x * 0x2545F4914F6CDD1DUL) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
