using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Validation;

/// <summary>
/// Whole-plan checks over the target graph: menus that trap the caller (every way out leads back into
/// the same menus), overflow chains between groups that loop, and items nothing can reach.
/// </summary>
internal static class ReferenceGraph
{
    public static void Check(RoutingPlan plan, List<PlanIssue> issues)
    {
        MenuTraps(plan, issues);
        OverflowLoops(plan, issues);
        Unreachable(plan, issues);
    }

    private static IEnumerable<string> MenuExits(IvrMenu m)
    {
        foreach (var t in m.Options.Values)
        {
            yield return t;
        }

        // An absent timeout/invalid target hangs up, which is a way out.
        yield return m.OnTimeout ?? "hangup";
        yield return m.OnInvalid ?? "hangup";
    }

    private static void MenuTraps(RoutingPlan plan, List<PlanIssue> issues)
    {
        // Fixpoint: a menu escapes if it can reach anything that is not a menu, or a menu that escapes.
        var escapes = new HashSet<string>(StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var (id, menu) in plan.Menus)
            {
                if (escapes.Contains(id))
                {
                    continue;
                }

                var direct = menu.DirectDial && plan.Extensions.Count > 0;
                if (direct || MenuExits(menu).Any(t => !Target.TryParse(t, out var p) || (p.Kind is not (TargetKind.Menu or TargetKind.Back)) || (p.Kind == TargetKind.Menu && (escapes.Contains(p.Id) || !plan.Menus.ContainsKey(p.Id)))))
                {
                    escapes.Add(id);
                    changed = true;
                }
            }
        }
        while (changed);

        foreach (var id in plan.Menus.Keys.Where(k => !escapes.Contains(k)).Order(StringComparer.Ordinal))
        {
            issues.Add(PlanIssue.Error(JsonPath.Member("$.menus", id), $"menu loop with no way out: every choice of menu \"{id}\" leads back into menus that never leave"));
        }
    }

    private static void OverflowLoops(RoutingPlan plan, List<PlanIssue> issues)
    {
        foreach (var start in plan.Groups.Keys.Order(StringComparer.Ordinal))
        {
            var seen = new List<string> { start };
            var current = start;
            while (plan.Groups.TryGetValue(current, out var g)
                && Target.TryParse(g.Overflow, out var next) && next.Kind == TargetKind.Group)
            {
                if (next.Id == start)
                {
                    issues.Add(PlanIssue.Error(JsonPath.Member("$.groups", start) + ".overflow", $"overflow loop: {string.Join(" -> ", seen)} -> {start}"));
                    break;
                }

                if (seen.Contains(next.Id))
                {
                    break; // a loop that does not pass through start; reported from its own members
                }

                seen.Add(next.Id);
                current = next.Id;
            }
        }
    }

    private static void Unreachable(RoutingPlan plan, List<PlanIssue> issues)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        foreach (var n in plan.Numbers.Values)
        {
            pending.Push(n.Default);
            Push(pending, n.Fax);
            Push(pending, n.Night);
            foreach (var r in n.Rules)
            {
                Push(pending, r.Target);
                foreach (var s in r.Split)
                {
                    pending.Push(s.Target);
                }
            }
        }

        while (pending.TryPop(out var text))
        {
            if (!Target.TryParse(text, out var t) || !reached.Add(t.ToString()))
            {
                continue;
            }

            if (t.Kind == TargetKind.Menu && plan.Menus.TryGetValue(t.Id, out var m))
            {
                foreach (var x in MenuExits(m))
                {
                    pending.Push(x);
                }
            }
            else if (t.Kind == TargetKind.Group && plan.Groups.TryGetValue(t.Id, out var g))
            {
                Push(pending, g.Overflow);
            }
        }

        foreach (var id in plan.Menus.Keys.Where(k => !reached.Contains("menu:" + k)).Order(StringComparer.Ordinal))
        {
            issues.Add(PlanIssue.Warning(JsonPath.Member("$.menus", id), $"menu \"{id}\" is unreachable from any number"));
        }

        foreach (var id in plan.Groups.Keys.Where(k => !reached.Contains("group:" + k)).Order(StringComparer.Ordinal))
        {
            issues.Add(PlanIssue.Warning(JsonPath.Member("$.groups", id), $"group \"{id}\" is unreachable from any number"));
        }

        var usedSchedules = plan.Numbers.Values.SelectMany(n => n.Rules).Select(r => r.Schedule)
            .Concat(plan.Extensions.Values.SelectMany(e => e.Bound).Select(b => b.Schedule))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var id in plan.Schedules.Keys.Where(k => !usedSchedules.Contains(k)).Order(StringComparer.Ordinal))
        {
            issues.Add(PlanIssue.Warning(JsonPath.Member("$.schedules", id), $"schedule \"{id}\" is not used"));
        }
    }

    private static void Push(Stack<string> pending, string? target)
    {
        if (target is not null)
        {
            pending.Push(target);
        }
    }
}
