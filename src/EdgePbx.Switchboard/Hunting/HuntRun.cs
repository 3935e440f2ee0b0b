using EdgePbx.Routing.Evaluation;

namespace EdgePbx.Switchboard.Hunting;

/// <summary>
/// Rings a hunt step's members: all at once (each after its delay) when the step is simultaneous, otherwise
/// one after another in the decided order (sequential, round robin, weighted, ...). Each member rings for its
/// ring time; the whole list is tried <see cref="HuntStep.Repeat"/> times. The call stops the run when a leg
/// answers. Transitions happen only in the methods below, one event at a time on the call's partition.
/// </summary>
public sealed class HuntRun(HuntStep step, IHuntHost host)
{
    private readonly List<HuntMember> _history = [];
    private List<HuntMember> _members = [];
    private int _round;
    private int _next;
    private bool _stopped;

    public HuntStep Step => step;

    /// <summary>Every member turn so far, in the order they started (the hunt's order as rung).</summary>
    public IReadOnlyList<HuntMember> History => _history;

    public bool Stopped => _stopped;

    public void Start()
    {
        if (step.Legs.Count == 0)
        {
            _stopped = true;
            host.HuntExhausted(false);
            return;
        }

        StartRound();
    }

    /// <summary>The member's phones all ended without an answer (busy, unavailable, cancelled...).</summary>
    public void MemberEnded(HuntMember member, int status)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (_stopped || member.State != HuntMemberState.Ringing)
        {
            return;
        }

        Close(member, status);
        Advance();
    }

    /// <summary>Somebody answered, or the call ended: no more members are started and every timer stops.</summary>
    public void Stop()
    {
        _stopped = true;
        foreach (var m in _members)
        {
            m.Timer?.Dispose();
        }
    }

    private void StartRound()
    {
        var members = new List<HuntMember>(step.Legs.Count);
        for (var i = 0; i < step.Legs.Count; i++)
        {
            members.Add(new HuntMember(step.Legs[i], _round));
        }

        _members = members;
        _next = 0;
        if (step.Simultaneous)
        {
            var round = _round;

            // This round's list, never changed once made (a member that ends at once may start the next round,
            // which makes a list of its own), so it is walked as it is.
            foreach (var m in members)
            {
                // A member that cannot be reached ends its turn at once, which may end the round (and start the next).
                if (_stopped || _round != round)
                {
                    return;
                }

                if (m.Leg.DelaySeconds > 0)
                {
                    m.Timer = host.Schedule(TimeSpan.FromSeconds(m.Leg.DelaySeconds), () => StartDelayed(m));
                }
                else
                {
                    StartMember(m);
                }
            }
        }
        else
        {
            StartNextInTurn();
        }
    }

    private void StartDelayed(HuntMember member)
    {
        if (!_stopped && member.State == HuntMemberState.Waiting)
        {
            StartMember(member);
        }
    }

    private void StartNextInTurn()
    {
        if (_next < _members.Count)
        {
            StartMember(_members[_next++]);
        }
    }

    private void StartMember(HuntMember member)
    {
        member.State = HuntMemberState.Ringing;
        _history.Add(member);
        if (!host.RingMember(member))
        {
            Close(member, 480);
            Advance();
            return;
        }

        member.Timer?.Dispose();
        member.Timer = host.Schedule(TimeSpan.FromSeconds(Math.Max(1, member.Leg.RingSeconds)), () => RingTimeUp(member));
    }

    private void RingTimeUp(HuntMember member)
    {
        if (_stopped || member.State != HuntMemberState.Ringing)
        {
            return;
        }

        // The member's turn is over now; its legs are cancelled and their late answers are refused by the call.
        Close(member, 487);
        host.StopMember(member);
        Advance();
    }

    private static void Close(HuntMember member, int status)
    {
        member.State = HuntMemberState.Done;
        member.Status = status;
        member.Timer?.Dispose();
        member.Timer = null;
    }

    private void Advance()
    {
        if (_stopped)
        {
            return;
        }

        if (!step.Simultaneous && _next < _members.Count)
        {
            StartNextInTurn();
            return;
        }

        if (_members.Any(m => m.State != HuntMemberState.Done))
        {
            return;
        }

        _round++;
        if (_round < Math.Max(1, step.Repeat))
        {
            StartRound();
            return;
        }

        _stopped = true;
        host.HuntExhausted(_members.All(m => m.Status is 486 or 600));
    }
}
