using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Transactions;

/// <summary>RFC 3261 17.1.1 (figure 5) with RFC 6026 section 7.2 (Accepted state, timer M).</summary>
public sealed class ClientInviteTransaction : SipTransaction
{
    private ReadOnlyMemory<byte> _invite;
    // Started (their ITimer made) only on the path taken: most transactions end by one path and never start the others.
    private TransactionTimer _a, _b, _d, _m;
    private byte[]? _ack;

    public ClientInviteTransaction(SipMessage invite, SipPeer peer, ISipSender sender, ITransactionUser user, TimeProvider time, TransactionTimers timers)
        : base(TransactionKey.ForClient(invite), invite, peer, sender, user, time, timers)
    {
        ArgumentNullException.ThrowIfNull(invite);
        _invite = invite.Raw;
    }

    /// <summary>Enters Calling: sends the INVITE, starts timer A (unreliable only) and timer B.</summary>
    public void Start()
    {
        Start(TransactionState.Calling);
        if (!Send(_invite))
        {
            return;
        }

        if (!IsReliable)
        {
            Arm(ref _a, TransactionEventKind.TimerA, Timers.T1);
        }

        Arm(ref _b, TransactionEventKind.TimerB, Timers.SixtyFourT1);
    }

    // Completed or Accepted: the INVITE is never sent again.
    private protected override void OnRequestReleased() => _invite = default;

    private protected override void DisposeTimers()
    {
        _a.Dispose();
        _b.Dispose();
        _d.Dispose();
        _m.Dispose();
    }

    private protected override void OnEvent(TransactionEvent e)
    {
        switch (State, e.Kind)
        {
            case (TransactionState.Calling, TransactionEventKind.TimerA):
                // 17.1.1.2: retransmit and double A (no T2 cap for INVITE).
                if (Send(_invite))
                {
                    Arm(ref _a, TransactionEventKind.TimerA, _a.Interval * 2);
                }

                break;
            case (TransactionState.Calling, TransactionEventKind.TimerB):
                User.OnTimeout(this);
                SetState(TransactionState.Terminated);
                break;
            case (TransactionState.Calling or TransactionState.Proceeding, TransactionEventKind.Response):
                OnResponse(e.Message!);
                break;
            case (TransactionState.Completed, TransactionEventKind.Response) when e.Message!.StatusCode >= 300:
                // 17.1.1.2: a retransmitted final response gets the ACK again and is not passed up.
                Send(_ack!);
                break;
            case (TransactionState.Completed, TransactionEventKind.TimerD):
            case (TransactionState.Accepted, TransactionEventKind.TimerM):
                SetState(TransactionState.Terminated);
                break;
            case (TransactionState.Accepted, TransactionEventKind.Response) when e.Message!.StatusCode is >= 200 and < 300:
                // RFC 6026 7.2: further 2xx go to the TU, which ACKs them.
                User.OnResponse(this, e.Message);
                break;
            case (_, TransactionEventKind.TransportError):
                User.OnTransportError(this);
                SetState(TransactionState.Terminated);
                break;
            default:
                break;
        }
    }

    private void OnResponse(SipMessage response)
    {
        var code = response.StatusCode;
        if (code < 200)
        {
            _a.Dispose();
            SetState(TransactionState.Proceeding);
            User.OnResponse(this, response);
        }
        else if (code < 300)
        {
            _a.Dispose();
            _b.Dispose();
            SetState(TransactionState.Accepted);
            Arm(ref _m, TransactionEventKind.TimerM, Timers.SixtyFourT1);
            User.OnResponse(this, response);
        }
        else
        {
            _a.Dispose();
            _b.Dispose();
            _ack = AckBuilder.ForNonSuccess(Request!, response);
            SetState(TransactionState.Completed);
            User.OnResponse(this, response);
            if (Send(_ack))
            {
                Arm(ref _d, TransactionEventKind.TimerD, Timers.TimerD(IsReliable));
            }
        }
    }
}
