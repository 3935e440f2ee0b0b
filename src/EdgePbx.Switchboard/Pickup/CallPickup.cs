using EdgePbx.Sip.Stack;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Calls;
using EdgePbx.Switchboard.Plans;

namespace EdgePbx.Switchboard.Pickup;

/// <summary>
/// Group call pickup: a registered phone dials the pickup code (e.g. *8) and takes the oldest call that is
/// ringing one of its group-mates. Each candidate call is asked on its own partition (it alone knows whether
/// it still rings a mate); one that declines passes the question on to the next. The picked call bridges the
/// phone in place of the ringing legs and keeps its one record, which names the phone that answered; a pickup
/// that finds nothing is refused 480 and leaves a record of its own.
/// </summary>
internal sealed class CallPickup(CallRegistry registry)
{
    public void Start(Call picker, SipServerRequest invite, PlanSnapshot plan, string extension)
    {
        ArgumentNullException.ThrowIfNull(picker);
        ArgumentNullException.ThrowIfNull(plan);
        var mates = PickupGroups.MatesOf(plan.Plan, extension);
        var candidates = mates.Count == 0
            ? []
            : registry.Calls.Where(c => !ReferenceEquals(c, picker) && c.Phase == CallPhase.Hunting).OrderBy(c => c.StartedAt).ToList();
        Ask(new PickupRequest(picker, invite, extension, mates), candidates, 0);
    }

    private static void Ask(PickupRequest request, List<Call> candidates, int index)
    {
        if (index >= candidates.Count)
        {
            request.Picker.Run(() => request.Picker.StartRefused(480, CallOutcome.Failed, $"no call ringing the group of {request.Extension} to pick up", request.Extension));
            return;
        }

        var target = candidates[index];
        target.Run(() => target.TryPickup(request, () => Ask(request, candidates, index + 1)));
    }
}

/// <summary>A phone's pickup attempt: its call (not yet started), its INVITE, its extension and its group-mates.</summary>
internal sealed record PickupRequest(Call Picker, SipServerRequest Invite, string Extension, IReadOnlySet<string> Mates);
