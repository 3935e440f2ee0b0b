using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// Turns a target into steps: extensions with follow-me, groups with overflow, menus, voicemail.
/// <paramref name="trace"/> is null when nobody reads the trace; no trace text is made then.
/// </summary>
internal sealed class TargetResolver(PlanIndex index, DateTime local, CallFacts? facts, CallCounters counters, NumberEntry? number, List<string>? trace)
{
    // Validation rejects overflow loops; the depth cap keeps an unvalidated plan from recursing forever.
    private const int MaxDepth = 16;

    private RoutingPlan Plan => index.Plan;

    /// <summary>
    /// True once a resolution depended on the call (counters, time, caller); false means the result is
    /// the same for every call, which is how <see cref="PlanIndex"/> finds the routes it can make in advance.
    /// </summary>
    public bool LookedAtTheCall { get; private set; }

    public List<RouteStep> Resolve(string targetText, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            trace?.Add($"target {targetText}: too deeply nested, refusing");
            return [new RejectStep(500, "plan nests targets too deeply")];
        }

        if (!index.TryParseTarget(targetText, out var target))
        {
            trace?.Add($"target \"{targetText}\" is not a valid target");
            return [new RejectStep(500, "invalid target in plan")];
        }

        switch (target.Kind)
        {
            case TargetKind.Hangup:
                return [new HangupStep()];
            case TargetKind.Back:
                trace?.Add("back to the previous menu");
                return [new BackStep()];
            case TargetKind.External:
                trace?.Add($"forward to {target.Id} through the trunk");
                return [new ForwardStep(target.Id)];
            case TargetKind.Voicemail:
                trace?.Add($"voicemail box {target.Id}");
                return [new VoicemailStep(target.Id)];
            case TargetKind.Menu when Plan.Menus.TryGetValue(target.Id, out var menu):
                trace?.Add($"menu {target.Id}: prompt {menu.Prompt}");
                return [MenuStep(target.Id, menu)];
            case TargetKind.Extension when Plan.Extensions.TryGetValue(target.Id, out var ext):
                return ResolveExtension(target.Id, ext);
            case TargetKind.Group when Plan.Groups.TryGetValue(target.Id, out var group):
                return ResolveGroup(target.Id, group, depth);
            default:
                trace?.Add($"target {targetText} does not exist in the plan");
                return [new RejectStep(404, $"unknown target {targetText}")];
        }
    }

    public static MenuStep MenuStep(string id, IvrMenu menu) =>
        new(id, menu.Prompt, menu.TimeoutSeconds, menu.Retries, menu.DirectDial);

    private List<RouteStep> ResolveExtension(string id, Extension ext)
    {
        var fallback = ext.Voicemail ? new List<RouteStep> { new VoicemailStep(id) } : [new HangupStep()];
        if (ext.DoNotDisturb)
        {
            trace?.Add($"extension {id}: do not disturb, {(ext.Voicemail ? "to voicemail" : "busy")}");
            return ext.Voicemail ? fallback : [new RejectStep(486, $"extension {id} is in do-not-disturb")];
        }

        var legs = new List<RingLeg> { new("ext:" + id, 0, ext.RingSeconds) };
        if (ext.FollowMe)
        {
            foreach (var b in ext.Bound)
            {
                if (b.Schedule is null)
                {
                    legs.Add(new RingLeg("external:" + b.Number, 0, ext.RingSeconds));
                    trace?.Add($"extension {id}: follow-me {b.Number} (always)");
                }
                else if (index.Schedules.TryGetValue(b.Schedule, out var s))
                {
                    LookedAtTheCall = true;
                    var open = s.IsOpen(local);
                    trace?.Add($"extension {id}: follow-me {b.Number} schedule {b.Schedule} {(open ? "open" : "closed")} ({s.StateAt(local).Reason})");
                    if (open)
                    {
                        legs.Add(new RingLeg("external:" + b.Number, 0, ext.RingSeconds));
                    }
                }
            }
        }

        trace?.Add($"ring extension {id}{(legs.Count > 1 ? $" with {legs.Count - 1} follow-me number(s)" : "")}");
        return [new HuntStep("ext:" + id, HuntStrategy.RingAll, true, legs, 1, number?.Ringback ?? RingbackKind.Tone,
            number?.RingbackAudio, null, fallback)];
    }

    private List<RouteStep> ResolveGroup(string id, HuntGroup group, int depth)
    {
        LookedAtTheCall = true;
        var waiting = counters.Waiting.TryGetValue(id, out var w) ? w : 0;
        if (group.MaxWaiting > 0 && waiting >= group.MaxWaiting)
        {
            trace?.Add($"group {id}: {waiting} caller(s) waiting, max {group.MaxWaiting}: overflow to {group.Overflow ?? "hangup"}");
            return Overflow(group, depth);
        }

        var (legs, cursor) = HuntPlanner.Plan(
            id, group, index.GroupLegs[id], index.GroupWeights[id], index.DoNotDisturbMembers.GetValueOrDefault(id), facts?.RandomSeed ?? 0, counters, trace);
        if (legs.Count == 0)
        {
            trace?.Add($"group {id}: no member free: overflow to {group.Overflow ?? "hangup"}");
            return Overflow(group, depth);
        }

        var simultaneous = group.Strategy is HuntStrategy.RingAll or HuntStrategy.Custom;
        trace?.Add($"group {id}: ring {string.Join(", ", legs.Select(l => l.Target))}{(simultaneous ? " together" : " in turn")}, {group.Repeat} time(s); if nobody answers: {group.Overflow ?? "hangup"}");
        return [new HuntStep("group:" + id, group.Strategy, simultaneous, legs, group.Repeat,
            number?.Ringback ?? RingbackKind.Tone, number?.RingbackAudio, cursor, Overflow(group, depth))];
    }

    private List<RouteStep> Overflow(HuntGroup group, int depth) =>
        group.Overflow is null ? [new HangupStep()] : Resolve(group.Overflow, depth + 1);
}
