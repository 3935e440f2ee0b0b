using System.Collections.Frozen;
using System.Collections.ObjectModel;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Regions;
using EdgePbx.Routing.Schedules;

namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// A plan prepared once for fast evaluation: numbers reachable by the form dialled and the normalized
/// form, schedules and rules parsed, split percents as arrays, and the steps of every target whose
/// resolution depends on nothing but the plan (menus, voicemail, forwards, plain extensions) made in
/// advance. Immutable, so one index serves every call on every thread.
/// </summary>
internal sealed class PlanIndex
{
    private readonly FrozenDictionary<string, IndexedNumber> _numbers;
    private readonly FrozenDictionary<string, IndexedNumber>.AlternateLookup<ReadOnlySpan<char>> _numberSpans;
    private readonly FrozenDictionary<string, Target> _targets;

    public PlanIndex(RoutingPlan plan)
    {
        Plan = plan;
        Regions = new RegionTable(plan.RegionPrefixes);
        Schedules = plan.Schedules.ToFrozenDictionary(s => s.Key, s => new CompiledSchedule(s.Value), StringComparer.Ordinal);
        _targets = AllTargets(plan).Distinct(StringComparer.Ordinal)
            .Select(t => (Text: t, Ok: Target.TryParse(t, out var parsed), Parsed: parsed))
            .Where(t => t.Ok)
            .ToFrozenDictionary(t => t.Text, t => t.Parsed, StringComparer.Ordinal);
        DoNotDisturbMembers = plan.Groups.ToFrozenDictionary(
            g => g.Key,
            g => g.Value.Members.Select(m => TryParseTarget(m.Target, out var t) && t.Kind == TargetKind.Extension
                && plan.Extensions.TryGetValue(t.Id, out var ext) && ext.DoNotDisturb).ToArray(),
            StringComparer.Ordinal);
        GroupLegs = plan.Groups.ToFrozenDictionary(
            g => g.Key,
            g => g.Value.Members
                .Select(m => new RingLeg(m.Target, g.Value.Strategy == HuntStrategy.Custom ? m.DelaySeconds : 0, m.RingSeconds ?? g.Value.RingSeconds))
                .ToArray(),
            StringComparer.Ordinal);
        GroupWeights = plan.Groups.ToFrozenDictionary(g => g.Key, g => g.Value.Members.Select(m => m.Weight).ToArray(), StringComparer.Ordinal);

        var numbers = new Dictionary<string, IndexedNumber>(StringComparer.Ordinal);
        foreach (var (id, entry) in plan.Numbers)
        {
            numbers[id] = new IndexedNumber(id, entry, this);
        }

        foreach (var (id, n) in numbers.ToList())
        {
            // "+864006123456" finds "4006123456"; a number written with its country code is found without it.
            numbers.TryAdd(RegionTable.Normalize(id), n);
        }

        _numbers = numbers.ToFrozenDictionary(StringComparer.Ordinal);
        _numberSpans = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public RoutingPlan Plan { get; }

    public RegionTable Regions { get; }

    public FrozenDictionary<string, CompiledSchedule> Schedules { get; }

    /// <summary>Per group, per member: an extension in do-not-disturb, never rung by the group.</summary>
    public FrozenDictionary<string, bool[]> DoNotDisturbMembers { get; }

    /// <summary>Per group, per member in listed order: the leg to ring (immutable, shared by every call).</summary>
    public FrozenDictionary<string, RingLeg[]> GroupLegs { get; }

    /// <summary>Per group, per member: its weight (weighted strategy).</summary>
    public FrozenDictionary<string, int[]> GroupWeights { get; }

    /// <summary><see cref="Target.TryParse"/> for the plan's own targets without making the id string again.</summary>
    public bool TryParseTarget(string? text, out Target target) =>
        (text is not null && _targets.TryGetValue(text, out target)) || Target.TryParse(text, out target);

    private static IEnumerable<string> AllTargets(RoutingPlan plan)
    {
        foreach (var n in plan.Numbers.Values)
        {
            yield return n.Default;
            if (n.Night is not null)
            {
                yield return n.Night;
            }

            if (n.Fax is not null)
            {
                yield return n.Fax;
            }

            foreach (var r in n.Rules)
            {
                if (r.Target is not null)
                {
                    yield return r.Target;
                }

                foreach (var s in r.Split)
                {
                    yield return s.Target;
                }
            }
        }

        foreach (var g in plan.Groups.Values)
        {
            if (g.Overflow is not null)
            {
                yield return g.Overflow;
            }

            foreach (var m in g.Members)
            {
                yield return m.Target;
            }
        }

        foreach (var m in plan.Menus.Values)
        {
            foreach (var o in m.Options.Values)
            {
                yield return o;
            }

            if (m.OnTimeout is not null)
            {
                yield return m.OnTimeout;
            }

            if (m.OnInvalid is not null)
            {
                yield return m.OnInvalid;
            }
        }
    }

    public IndexedNumber? FindNumber(string called)
    {
        if (_numbers.TryGetValue(called, out var n))
        {
            return n;
        }

        Span<char> buffer = stackalloc char[32];
        return _numberSpans.TryGetValue(RegionTable.Normalize(called, buffer), out n) ? n : null;
    }

    /// <summary>A number with its rules compiled and its static routes ready.</summary>
    internal sealed class IndexedNumber
    {
        private readonly FrozenDictionary<string, ReadOnlyCollection<RouteStep>> _staticRoutes;

        public IndexedNumber(string id, NumberEntry entry, PlanIndex index)
        {
            Id = id;
            Entry = entry;
            Welcome = entry.Welcome is null ? null : new WelcomeStep(entry.Welcome);
            Rules = [.. entry.Rules.Select((r, i) => new IndexedRule(r, i, index))];

            // Every target this number can choose; those that resolve the same way for every call get their
            // whole step list (welcome first) made now. The resolver says whether it looked at the call.
            var targets = new HashSet<string>(StringComparer.Ordinal) { entry.Default };
            if (entry.Night is not null)
            {
                targets.Add(entry.Night);
            }

            foreach (var r in entry.Rules)
            {
                if (r.Target is not null)
                {
                    targets.Add(r.Target);
                }

                foreach (var s in r.Split)
                {
                    targets.Add(s.Target);
                }
            }

            var routes = new Dictionary<string, ReadOnlyCollection<RouteStep>>(StringComparer.Ordinal);
            foreach (var t in targets)
            {
                var probe = new TargetResolver(index, default, null, CallCounters.None, entry, null);
                var steps = probe.Resolve(t);
                if (!probe.LookedAtTheCall)
                {
                    var all = new List<RouteStep>(steps.Count + 1);
                    if (Welcome is not null)
                    {
                        all.Add(Welcome);
                    }

                    all.AddRange(steps);
                    routes[t] = all.AsReadOnly();
                }
            }

            _staticRoutes = routes.ToFrozenDictionary(StringComparer.Ordinal);
            if (entry.Fax is null)
            {
                StaticFax = ReadOnlyCollection<RouteStep>.Empty;
            }
            else
            {
                var probe = new TargetResolver(index, default, null, CallCounters.None, entry, null);
                var fax = probe.Resolve(entry.Fax);
                StaticFax = probe.LookedAtTheCall ? null : fax.AsReadOnly();
            }
        }

        public string Id { get; }

        public NumberEntry Entry { get; }

        public WelcomeStep? Welcome { get; }

        public IndexedRule[] Rules { get; }

        /// <summary>The fax steps when they are the same for every call, else null.</summary>
        public ReadOnlyCollection<RouteStep>? StaticFax { get; }

        public ReadOnlyCollection<RouteStep>? StaticRoute(string target) =>
            _staticRoutes.TryGetValue(target, out var steps) ? steps : null;
    }

    /// <summary>A rule with its schedule looked up and its split percents ready.</summary>
    internal sealed class IndexedRule
    {
        public IndexedRule(RouteRule rule, int position, PlanIndex index)
        {
            Rule = rule;
            Label = $"rule {position + 1}{(rule.Name is null ? "" : " \"" + rule.Name + "\"")}";
            if (rule.Schedule is not null)
            {
                Schedule = index.Schedules.GetValueOrDefault(rule.Schedule);
                ScheduleMissing = Schedule is null;
            }

            SplitPercents = [.. rule.Split.Select(s => s.Percent)];
        }

        public RouteRule Rule { get; }

        public string Label { get; }

        public CompiledSchedule? Schedule { get; }

        public bool ScheduleMissing { get; }

        public int[] SplitPercents { get; }
    }
}
