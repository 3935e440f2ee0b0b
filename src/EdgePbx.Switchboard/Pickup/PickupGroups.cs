using EdgePbx.Routing.Model;

namespace EdgePbx.Switchboard.Pickup;

/// <summary>The plan's pickup groups: the hunt groups. A phone may take calls ringing its group-mates.</summary>
internal static class PickupGroups
{
    /// <summary>Extensions that share a hunt group with <paramref name="extension"/> (itself not included).</summary>
    public static IReadOnlySet<string> MatesOf(RoutingPlan plan, string extension)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var self = "ext:" + extension;
        var mates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in plan.Groups?.Values ?? [])
        {
            if (!group.Members.Any(m => m.Target == self))
            {
                continue;
            }

            foreach (var member in group.Members)
            {
                if (member.Target.StartsWith("ext:", StringComparison.Ordinal) && member.Target != self)
                {
                    mates.Add(member.Target["ext:".Length..]);
                }
            }
        }

        return mates;
    }
}
