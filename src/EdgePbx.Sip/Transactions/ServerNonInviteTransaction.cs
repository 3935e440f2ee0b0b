using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Transactions;

/// <summary>RFC 3261 17.2.2 (figure 8).</summary>
public sealed class ServerNonInviteTransaction : SipTransaction
{
    // Started (its ITimer made) only once a final response is sent: a transaction that never sends one never needs it.
    private TransactionTimer _j;
    private ReadOnlyMemory<byte> _lastResponse;

    public ServerNonInviteTransaction(SipMessage request, SipPeer peer, ISipSender sender, ITransactionUser user, TimeProvider time, TransactionTimers timers)
        : base(TransactionKey.ForServer(request), request, peer, sender, user, time, timers)
    {
        Start(TransactionState.Trying);
    }

    private protected override void DisposeTimers()
    {
        _j.Dispose();
    }

    private protected override void OnEvent(TransactionEvent e)
    {
        switch (State, e.Kind)
        {
            case (TransactionState.Trying, TransactionEventKind.Request):
                // 17.2.2: retransmissions in Trying are discarded.
                break;
            case (TransactionState.Proceeding or TransactionState.Completed, TransactionEventKind.Request):
                Send(_lastResponse);
                break;
            case (TransactionState.Trying or TransactionState.Proceeding, TransactionEventKind.TuResponse):
                _lastResponse = e.Response.Raw;
                if (!Send(_lastResponse))
                {
                    break;
                }

                if (e.Response.StatusCode < 200)
                {
                    SetState(TransactionState.Proceeding);
                }
                else
                {
                    SetState(TransactionState.Completed);
                    Arm(ref _j, TransactionEventKind.TimerJ, IsReliable ? TimeSpan.Zero : Timers.SixtyFourT1);
                }

                break;
            case (TransactionState.Completed, TransactionEventKind.TimerJ):
                SetState(TransactionState.Terminated);
                break;
            case (_, TransactionEventKind.TransportError):
                User.OnTransportError(this);
                SetState(TransactionState.Terminated);
                break;
            default:
                break;
        }
    }
}
