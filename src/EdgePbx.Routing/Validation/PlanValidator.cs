using EdgePbx.Routing.Model;
using EdgePbx.Routing.Regions;
using EdgePbx.Routing.Schedules;

namespace EdgePbx.Routing.Validation;

/// <summary>
/// Checks a parsed plan and reports every problem at once, each with the JSON path of the value at
/// fault. A plan with any error is never used; warnings (unreachable items) do not block it.
/// </summary>
public static class PlanValidator
{
    public static IReadOnlyList<PlanIssue> Validate(RoutingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var v = new Walker(plan);
        v.Run();
        return v.Issues;
    }

    private sealed class Walker(RoutingPlan plan)
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
                CheckNumber($"$.numbers.{did}", did, n);
            }

            foreach (var (id, e) in plan.Extensions)
            {
                CheckExtension($"$.extensions.{id}", id, e);
            }

            foreach (var (id, g) in plan.Groups)
            {
                CheckGroup($"$.groups.{id}", g);
            }

            foreach (var (id, m) in plan.Menus)
            {
                CheckMenu($"$.menus.{id}", m);
            }

            foreach (var (id, s) in plan.Schedules)
            {
                CheckSchedule($"$.schedules.{id}", s);
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

            for (var i = 0; i < n.Rules.Count; i++)
            {
                CheckRule($"{path}.rules[{i}]", n.Rules[i]);
            }
        }

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

            if (g.Strategy == HuntStrategy.Weighted && g.Members.Count > 0)
            {
                CheckPercents(path + ".members", g.Members.Select(m => m.Weight).ToList(), "weight");
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
                    Error($"{path}.options.{digit}", $"\"{digit}\" is not a key (0-9, *, #)");
                }

                CheckTarget($"{path}.options.{digit}", target);
            }

            if (m.TimeoutSeconds < 1)
            {
                Error(path + ".timeoutSeconds", "must be at least 1");
            }

            if (m.Retries < 0)
            {
                Error(path + ".retries", "must not be negative");
            }

            OptionalTarget(path + ".onTimeout", m.OnTimeout);
            OptionalTarget(path + ".onInvalid", m.OnInvalid);
        }

        private void CheckSchedule(string path, Schedule s)
        {
            for (var i = 0; i < s.Weekly.Count; i++)
            {
                var w = s.Weekly[i];
                var wp = $"{path}.weekly[{i}]";
                if (w.Days.Count == 0)
                {
                    Error(wp + ".days", "no days given");
                }

                for (var d = 0; d < w.Days.Count; d++)
                {
                    if (!LocalTime.TryParseDay(w.Days[d], out _))
                    {
                        Error($"{wp}.days[{d}]", $"\"{w.Days[d]}\" is not a day (mon, tue, wed, thu, fri, sat, sun)");
                    }
                }

                var fromOk = Time(wp + ".from", w.From, out var f);
                if (Time(wp + ".to", w.To, out var t) && fromOk && f == t)
                {
                    Error(wp, "from and to are equal; use \"00:00\"-\"24:00\" for a whole day");
                }
            }

            for (var i = 0; i < s.Overrides.Count; i++)
            {
                var o = s.Overrides[i];
                var op = $"{path}.overrides[{i}]";
                var dateOk = LocalTime.TryParseDate(o.Date, out var from);
                if (!dateOk)
                {
                    Error(op + ".date", $"\"{o.Date}\" is not a date (yyyy-MM-dd)");
                }

                if (o.Until is not null)
                {
                    if (!LocalTime.TryParseDate(o.Until, out var until))
                    {
                        Error(op + ".until", $"\"{o.Until}\" is not a date (yyyy-MM-dd)");
                    }
                    else if (dateOk && until < from)
                    {
                        Error(op + ".until", $"{o.Until} is before {o.Date}");
                    }
                }

                for (var k = 0; k < o.Windows.Count; k++)
                {
                    var wp = $"{op}.windows[{k}]";
                    var fromOk = Time(wp + ".from", o.Windows[k].From, out var f);
                    if (Time(wp + ".to", o.Windows[k].To, out var t) && fromOk && t <= f)
                    {
                        Error(wp, "an override window must end after it starts (it cannot cross midnight)");
                    }
                }
            }
        }

        private void CheckLists()
        {
            NumberList(plan.Lists.Blacklist, "$.lists.blacklist");
            NumberList(plan.Lists.Whitelist, "$.lists.whitelist");
            if (plan.Lists.WhitelistOnly && plan.Lists.Whitelist.Numbers.Count + plan.Lists.Whitelist.Prefixes.Count == 0)
            {
                Error("$.lists.whitelistOnly", "whitelist-only with an empty whitelist refuses every call");
            }

            for (var i = 0; i < plan.BlockedRegions.Count; i++)
            {
                if (!_regions.IsKnownRegion(plan.BlockedRegions[i]))
                {
                    Error($"$.blockedRegions[{i}]", $"unknown region \"{plan.BlockedRegions[i]}\"");
                }
            }

            foreach (var (prefix, region) in plan.RegionPrefixes)
            {
                Digits($"$.regionPrefixes.{prefix}", prefix, "prefix");
                if (string.IsNullOrWhiteSpace(region))
                {
                    Error($"$.regionPrefixes.{prefix}", "region is empty");
                }
            }
        }

        private void NumberList(NumberList list, string path)
        {
            for (var i = 0; i < list.Numbers.Count; i++)
            {
                Digits($"{path}.numbers[{i}]", list.Numbers[i], "number");
            }

            for (var i = 0; i < list.Prefixes.Count; i++)
            {
                Digits($"{path}.prefixes[{i}]", list.Prefixes[i], "prefix");
            }
        }

        private void CheckLimits()
        {
            var l = plan.Limits;
            if (l.PerCaller is { } f)
            {
                if (f.MaxCalls < 1)
                {
                    Error("$.limits.perCaller.maxCalls", "must be at least 1");
                }

                if (f.WindowMinutes < 1)
                {
                    Error("$.limits.perCaller.windowMinutes", "must be at least 1");
                }
            }

            if (l.MaxConcurrent is < 1)
            {
                Error("$.limits.maxConcurrent", "must be at least 1");
            }

            if (l.MaxCallSeconds is < 1)
            {
                Error("$.limits.maxCallSeconds", "must be at least 1");
            }

            if (l.DailyCostCapFen is < 0)
            {
                Error("$.limits.dailyCostCapFen", "must not be negative");
            }

            if (l.MonthlyCostCapFen is < 0)
            {
                Error("$.limits.monthlyCostCapFen", "must not be negative");
            }

            var t = plan.Tariff;
            if (t.IncrementSeconds is not (6 or 60))
            {
                Error("$.tariff.incrementSeconds", $"billing increment must be 6 or 60 seconds, not {t.IncrementSeconds}");
            }

            if (t.PricePerMinuteFen < 0)
            {
                Error("$.tariff.pricePerMinuteFen", "must not be negative");
            }

            if (t.LocalPricePerMinuteFen < 0)
            {
                Error("$.tariff.localPricePerMinuteFen", "must not be negative");
            }
        }

        private void OptionalTarget(string path, string? text)
        {
            if (text is not null)
            {
                CheckTarget(path, text);
            }
        }

        private void CheckTarget(string path, string text)
        {
            if (!Target.TryParse(text, out var t))
            {
                Error(path, $"\"{text}\" is not a target (ext:ID, group:ID, menu:ID, voicemail:ID, external:NUMBER, hangup)");
                return;
            }

            switch (t.Kind)
            {
                case TargetKind.Extension when !plan.Extensions.ContainsKey(t.Id):
                case TargetKind.Group when !plan.Groups.ContainsKey(t.Id):
                case TargetKind.Menu when !plan.Menus.ContainsKey(t.Id):
                    Error(path, $"unknown target \"{text}\"");
                    break;
                case TargetKind.Voicemail when !plan.Extensions.TryGetValue(t.Id, out var e) || !e.Voicemail:
                    Error(path, $"\"{text}\": extension {t.Id} has no voicemail box");
                    break;
                case TargetKind.External:
                    Digits(path, t.Id, "external number");
                    break;
            }
        }

        private bool Time(string path, string text, out int minutes)
        {
            if (LocalTime.TryParseMinutes(text, out minutes))
            {
                return true;
            }

            Error(path, $"\"{text}\" is not a time (HH:mm, 00:00-24:00)");
            return false;
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
    }
}
