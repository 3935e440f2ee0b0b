using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Transactions;

/// <summary>RFC 3261 17.2.1 (figure 7) with RFC 6026 section 7.1 (Accepted state, timer L).</summary>
public sealed class ServerInviteTransaction : SipTransaction
{
    // Started (their ITimer made) only on the path taken: most transactions end by one path and never start the others.
    private TransactionTimer _g, _h, _i, _l;
    private ReadOnlyMemory<byte> _lastResponse;

    public ServerInviteTransaction(SipMessage invite, SipPeer peer, ISipSender sender, ITransactionUser user, TimeProvider time, TransactionTimers timers)
        : base(TransactionKey.ForServer(invite), invite, peer, sender, user, time, timers)
    {
    }

    /// <summary>
    /// Enters Proceeding and sends 100 Trying at once (17.2.1: required unless the TU answers within
    /// 200 ms, which a PBX consulting its plan cannot promise).
    /// </summary>
    public void Start(ReadOnlyMemory<byte> trying)
    {
        Start(TransactionState.Proceeding);
        _lastResponse = trying;
        Send(trying);
    }

    private protected override void DisposeTimers()
    {
        _g.Dispose();
        _h.Dispose();
        _i.Dispose();
        _l.Dispose();
    }

    private protected override void OnEvent(TransactionEvent e)
    {
        switch (State, e.Kind)
        {
            case (TransactionState.Proceeding, TransactionEventKind.Request) when e.Message!.Method != "ACK":
                // Retransmitted INVITE: resend the latest provisional response.
                Send(_lastResponse);
                break;
            case (TransactionState.Proceeding, TransactionEventKind.TuResponse):
                OnTuResponse(e.Response);
                break;
            case (TransactionState.Completed, TransactionEventKind.Request) when e.Message!.Method == "ACK":
                _g.Dispose();
                _h.Dispose();
                SetState(TransactionState.Confirmed);
                Arm(ref _i, TransactionEventKind.TimerI, IsReliable ? TimeSpan.Zero : Timers.T4);
                break;
            case (TransactionState.Completed, TransactionEventKind.Request):
                Send(_lastResponse);
                break;
            case (TransactionState.Completed, TransactionEventKind.TimerG):
                // 17.2.1: G doubles up to T2.
                if (Send(_lastResponse))
                {
                    Arm(ref _g, TransactionEventKind.TimerG, TimeSpan.FromTicks(Math.Min((_g.Interval * 2).Ticks, Timers.T2.Ticks)));
                }

                break;
            case (TransactionState.Completed, TransactionEventKind.TimerH):
                User.OnTimeout(this);
                SetState(TransactionState.Terminated);
                break;
            case (TransactionState.Confirmed, TransactionEventKind.TimerI):
            case (TransactionState.Accepted, TransactionEventKind.TimerL):
                SetState(TransactionState.Terminated);
                break;
            case (TransactionState.Accepted, TransactionEventKind.Request) when e.Message!.Method == "ACK":
                // RFC 6026 7.1: an ACK matching in Accepted goes to the TU.
                User.OnAck(this, e.Message);
                break;
            case (TransactionState.Accepted, TransactionEventKind.TuResponse) when e.Response.StatusCode is >= 200 and < 300:
                // RFC 6026 7.1: the TU retransmits its 2xx through the transaction.
                Send(e.Response.Raw);
                break;
            case (_, TransactionEventKind.TransportError):
                User.OnTransportError(this);
                SetState(TransactionState.Terminated);
                break;
            default:
                // Confirmed absorbs ACKs; Accepted absorbs INVITE retransmissions (RFC 6026 7.1).
                break;
        }
    }

    private void OnTuResponse(OutgoingResponse response)
    {
        _lastResponse = response.Raw;
        if (!Send(response.Raw))
        {
            return;
        }

        if (response.StatusCode < 200)
        {
            return;
        }

        if (response.StatusCode < 300)
        {
            SetState(TransactionState.Accepted);
            Arm(ref _l, TransactionEventKind.TimerL, Timers.SixtyFourT1);
            return;
        }

        SetState(TransactionState.Completed);
        if (!IsReliable)
        {
            Arm(ref _g, TransactionEventKind.TimerG, Timers.T1);
        }

        Arm(ref _h, TransactionEventKind.TimerH, Timers.SixtyFourT1);
    }
}
