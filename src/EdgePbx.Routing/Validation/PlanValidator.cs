using EdgePbx.Routing.Model;
using EdgePbx.Routing.Regions;
using EdgePbx.Routing.Schedules;

namespace EdgePbx.Routing.Validation;

/// <summary>
/// Checks a parsed plan and reports every problem at once, each with the JSON path of the value at
/// fault. A plan with any error is never used; warnings (unreachable items) do not block it.
/// </summary>
public static partial class PlanValidator
{
    public static IReadOnlyList<PlanIssue> Validate(RoutingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var v = new Walker(plan);
        v.Run();
        return v.Issues;
    }

    private sealed partial class Walker(RoutingPlan plan)
    {
        private readonly RegionTable _regions = new(plan.RegionPrefixes);
        public List<PlanIssue> Issues { get; } = [];

        public void Run()
        {
            if (plan.Version != RoutingPlan.CurrentVersion)
            {
                Error("$.version", $"unsupported version {plan.Version}; this build reads version {RoutingPlan.CurrentVersion}");
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(plan.TimeZone, out _))
            {
                Error("$.timeZone", $"unknown time zone \"{plan.TimeZone}\"");
            }

            if (plan.Numbers.Count == 0)
            {
                Error("$.numbers", "the plan answers no number");
            }

            foreach (var (did, n) in plan.Numbers)
            {
                CheckNumber(JsonPath.Member("$.numbers", did), did, n);
            }

            foreach (var (id, e) in plan.Extensions)
            {
                CheckExtension(JsonPath.Member("$.extensions", id), id, e);
            }

            foreach (var (id, g) in plan.Groups)
            {
                CheckGroup(JsonPath.Member("$.groups", id), g);
                // Mailboxes share one namespace (voicemail:ID, the SUBSCRIBE's resource): a group box may not shadow an extension.
                if (g.Voicemail && plan.Extensions.ContainsKey(id))
                {
                    Error(JsonPath.Member("$.groups", id) + ".voicemail", $"extension {id} exists: a group with a voicemail box needs an ID of its own");
                }
            }

            foreach (var (id, m) in plan.Menus)
            {
                CheckMenu(JsonPath.Member("$.menus", id), m);
            }

            foreach (var (id, s) in plan.Schedules)
            {
                CheckSchedule(JsonPath.Member("$.schedules", id), s);
            }

            CheckLists();
            CheckLimits();
            ReferenceGraph.Check(plan, Issues);
        }

        private void CheckNumber(string path, string did, NumberEntry n)
        {
            Digits(path, did, "number");
            CheckTarget(path + ".default", n.Default);
            OptionalTarget(path + ".fax", n.Fax);
            OptionalTarget(path + ".night", n.Night);
            if (n.Ringback == RingbackKind.Audio && string.IsNullOrWhiteSpace(n.RingbackAudio))
            {
                Error(path + ".ringbackAudio", "ringback is \"audio\" but no ringbackAudio file is given");
            }

            if (n.MaxConcurrent is < 1)
            {
                Error(path + ".maxConcurrent", "must be at least 1");
            }

            int? catchAll = null;
            for (var i = 0; i < n.Rules.Count; i++)
            {
                CheckRule($"{path}.rules[{i}]", n.Rules[i]);
                if (catchAll is { } earlier)
                {
                    Warning($"{path}.rules[{i}]", $"never used: rule {earlier + 1} before it has no condition and takes every call");
                }
                else if (IsUnconditional(n.Rules[i]))
                {
                    catchAll = i;
                }
            }

            if (catchAll is { } all)
            {
                Warning(path + ".default", $"never used: rule {all + 1} has no condition and takes every call");
            }
        }

        private static bool IsUnconditional(RouteRule r) =>
            r.Schedule is null && r.Regions.Count == 0 && r.Carriers.Count == 0 && r.CallerPrefixes.Count == 0;

        private void CheckRule(string path, RouteRule r)
        {
            if (r.Schedule is not null && !plan.Schedules.ContainsKey(r.Schedule))
            {
                Error(path + ".schedule", $"unknown schedule \"{r.Schedule}\"");
            }

            for (var i = 0; i < r.Regions.Count; i++)
            {
                if (!_regions.IsKnownRegion(r.Regions[i]))
                {
                    Error($"{path}.regions[{i}]", $"unknown region \"{r.Regions[i]}\"");
                }
            }

            for (var i = 0; i < r.Carriers.Count; i++)
            {
                if (!RegionTable.IsKnownCarrier(r.Carriers[i]))
                {
                    Error($"{path}.carriers[{i}]", $"unknown carrier \"{r.Carriers[i]}\" (CMCC, CUCC, CTCC, CBN, MVNO)");
                }
            }

            if ((r.Target is null) == (r.Split.Count == 0))
            {
                Error(path, "a rule needs exactly one of \"target\" and \"split\"");
            }

            if (r.Target is not null)
            {
                CheckTarget(path + ".target", r.Target);
            }

            if (r.Split.Count > 0)
            {
                CheckPercents(path + ".split", r.Split.Select(s => s.Percent).ToList(), "percent");
                for (var i = 0; i < r.Split.Count; i++)
                {
                    CheckTarget($"{path}.split[{i}].target", r.Split[i].Target);
                }
            }
        }

        private void CheckPercents(string path, List<int> percents, string field)
        {
            for (var i = 0; i < percents.Count; i++)
            {
                if (percents[i] is < 1 or > 100)
                {
                    Error($"{path}[{i}].{field}", $"{field} {percents[i]} is not between 1 and 100");
                }
            }

            var sum = percents.Sum();
            if (sum != 100)
            {
                Error(path, $"percentages add up to {sum}, not 100");
            }
        }

        private void CheckExtension(string path, string id, Extension e)
        {
            Digits(path, id, "extension number");
            if (e.RingSeconds < 1)
            {
                Error(path + ".ringSeconds", "must be at least 1");
            }

            if (e.Bound.Count > Extension.MaxBoundNumbers)
            {
                Error(path + ".bound", $"{e.Bound.Count} bound numbers; at most {Extension.MaxBoundNumbers} are allowed");
            }

            if (e.Bound.Count > 0 && !e.FollowMe)
            {
                Warning(path + ".bound", "bound numbers ring only when followMe is true");
            }

            for (var i = 0; i < e.Bound.Count; i++)
            {
                Digits($"{path}.bound[{i}].number", e.Bound[i].Number, "number");
                if (e.Bound[i].Schedule is { } s && !plan.Schedules.ContainsKey(s))
                {
                    Error($"{path}.bound[{i}].schedule", $"unknown schedule \"{s}\"");
                }
            }
        }

        private void CheckGroup(string path, HuntGroup g)
        {
            if (g.Members.Count == 0)
            {
                Error(path + ".members", "a group needs at least one member");
            }

            for (var i = 0; i < g.Members.Count; i++)
            {
                var m = g.Members[i];
                var mp = $"{path}.members[{i}]";
                if (Target.TryParse(m.Target, out var t) && t.Kind is not (TargetKind.Extension or TargetKind.External))
                {
                    Error(mp + ".target", $"a member must be an extension or an external number, not \"{m.Target}\"");
                }
                else
                {
                    CheckTarget(mp + ".target", m.Target);
                }

                if (m.DelaySeconds < 0)
                {
                    Error(mp + ".delaySeconds", "must not be negative");
                }

                if (m.RingSeconds is < 1)
                {
                    Error(mp + ".ringSeconds", "must be at least 1");
                }
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < g.Members.Count; i++)
            {
                if (!seen.Add(g.Members[i].Target))
                {
                    Error($"{path}.members[{i}].target", $"\"{g.Members[i].Target}\" is already a member of this group");
                }
            }

            if (g.Strategy == HuntStrategy.Weighted && g.Members.Count > 0)
            {
                CheckPercents(path + ".members", g.Members.Select(m => m.Weight).ToList(), "weight");
            }
            else if (g.Members.Any(m => m.Weight != 0))
            {
                Warning(path + ".strategy", "members have weights but only the weighted strategy uses them");
            }

            if (g.Strategy != HuntStrategy.Custom && g.Members.Any(m => m.DelaySeconds != 0))
            {
                Warning(path + ".strategy", "members have ring delays but only the custom strategy uses them");
            }

            if (g.RingSeconds < 1)
            {
                Error(path + ".ringSeconds", "must be at least 1");
            }

            if (g.Repeat < 1)
            {
                Error(path + ".repeat", "must be at least 1");
            }

            if (g.MaxWaiting < 0)
            {
                Error(path + ".maxWaiting", "must not be negative");
            }

            OptionalTarget(path + ".overflow", g.Overflow);
        }

        private void CheckMenu(string path, IvrMenu m)
        {
            if (string.IsNullOrWhiteSpace(m.Prompt))
            {
                Error(path + ".prompt", "a menu needs a prompt");
            }

            foreach (var (digit, target) in m.Options)
            {
                if (digit is not { Length: 1 } || !(char.IsAsciiDigit(digit[0]) || digit[0] is '*' or '#'))
                {
                    Error(JsonPath.Member(path + ".options", digit), $"\"{digit}\" is not a key (0-9, *, #)");
                }

                CheckTarget(JsonPath.Member(path + ".options", digit), target, inMenu: true);
            }

            if (m.TimeoutSeconds < 1)
            {
                Error(path + ".timeoutSeconds", "must be at least 1");
            }

            if (m.Retries < 0)
            {
                Error(path + ".retries", "must not be negative");
            }

            OptionalTarget(path + ".onTimeout", m.OnTimeout, inMenu: true);
            OptionalTarget(path + ".onInvalid", m.OnInvalid, inMenu: true);
            OptionalPrompt(path + ".timeoutPrompt", m.TimeoutPrompt);
            OptionalPrompt(path + ".invalidPrompt", m.InvalidPrompt);
        }

        private void OptionalPrompt(string path, string? prompt)
        {
            if (prompt is not null && string.IsNullOrWhiteSpace(prompt))
            {
                Error(path, "a prompt must name an audio file (or be left out)");
            }
        }

        private void OptionalTarget(string path, string? text, bool inMenu = false)
        {
            if (text is not null)
            {
                CheckTarget(path, text, inMenu);
            }
        }

        private bool HasBox(string id) =>
            (plan.Extensions.TryGetValue(id, out var e) && e.Voicemail) || (plan.Groups.TryGetValue(id, out var g) && g.Voicemail);

        private void CheckTarget(string path, string text, bool inMenu = false)
        {
            if (!Target.TryParse(text, out var t))
            {
                Error(path, $"\"{text}\" is not a target (ext:ID, group:ID, menu:ID, voicemail:ID, external:NUMBER, hangup{(inMenu ? ", back" : "")})");
                return;
            }

            switch (t.Kind)
            {
                case TargetKind.Back when !inMenu:
                    Error(path, "\"back\" is a menu choice only (options, onTimeout, onInvalid)");
                    break;
                case TargetKind.Extension when !plan.Extensions.ContainsKey(t.Id):
                case TargetKind.Group when !plan.Groups.ContainsKey(t.Id):
                case TargetKind.Menu when !plan.Menus.ContainsKey(t.Id):
                    Error(path, $"unknown target \"{text}\"");
                    break;
                case TargetKind.Voicemail when !HasBox(t.Id):
                    Error(path, $"\"{text}\": no extension or group {t.Id} with a voicemail box");
                    break;
                case TargetKind.External:
                    Digits(path, t.Id, "external number");
                    break;
            }
        }

        private void Digits(string path, string text, string what)
        {
            var body = text.StartsWith('+') ? text.AsSpan(1) : text.AsSpan();
            if (body.Length == 0 || body.ContainsAnyExceptInRange('0', '9'))
            {
                Error(path, $"{what} \"{text}\" must be digits (optionally with a leading +)");
            }
        }

        private void Error(string path, string message) => Issues.Add(PlanIssue.Error(path, message));

        private void Warning(string path, string message) => Issues.Add(PlanIssue.Warning(path, message));
    }
}
