using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Transactions;

/// <summary>RFC 3261 17.1.2 (figure 6).</summary>
public sealed class ClientNonInviteTransaction : SipTransaction
{
    private readonly ReadOnlyMemory<byte> _request;
    // Started (their ITimer made) only on the path taken: most transactions end by one path and never start the others.
    private TransactionTimer _e, _f, _k;

    public ClientNonInviteTransaction(SipMessage request, SipPeer peer, ISipSender sender, ITransactionUser user, TimeProvider time, TransactionTimers timers)
        : base(TransactionKey.ForClient(request), request, peer, sender, user, time, timers)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request.Raw;
    }

    /// <summary>Enters Trying: sends the request, starts timer E (unreliable only) and timer F.</summary>
    public void Start()
    {
        Start(TransactionState.Trying);
        if (!Send(_request))
        {
            return;
        }

        if (!IsReliable)
        {
            Arm(ref _e, TransactionEventKind.TimerE, Timers.T1);
        }

        Arm(ref _f, TransactionEventKind.TimerF, Timers.SixtyFourT1);
    }

    private protected override void DisposeTimers()
    {
        _e.Dispose();
        _f.Dispose();
        _k.Dispose();
    }

    private protected override void OnEvent(TransactionEvent e)
    {
        switch (State, e.Kind)
        {
            case (TransactionState.Trying, TransactionEventKind.TimerE):
                // 17.1.2.2: E doubles up to T2 while Trying...
                if (Send(_request))
                {
                    Arm(ref _e, TransactionEventKind.TimerE, TimeSpan.FromTicks(Math.Min((_e.Interval * 2).Ticks, Timers.T2.Ticks)));
                }

                break;
            case (TransactionState.Proceeding, TransactionEventKind.TimerE):
                // ...and is T2 once a provisional response has arrived.
                if (Send(_request))
                {
                    Arm(ref _e, TransactionEventKind.TimerE, Timers.T2);
                }

                break;
            case (TransactionState.Trying or TransactionState.Proceeding, TransactionEventKind.TimerF):
                User.OnTimeout(this);
                SetState(TransactionState.Terminated);
                break;
            case (TransactionState.Trying or TransactionState.Proceeding, TransactionEventKind.Response):
                if (e.Message!.StatusCode < 200)
                {
                    SetState(TransactionState.Proceeding);
                    User.OnResponse(this, e.Message);
                }
                else
                {
                    _e.Dispose();
                    _f.Dispose();
                    SetState(TransactionState.Completed);
                    User.OnResponse(this, e.Message);
                    // Timer K absorbs retransmitted finals: T4 over UDP, zero over reliable transports.
                    Arm(ref _k, TransactionEventKind.TimerK, IsReliable ? TimeSpan.Zero : Timers.T4);
                }

                break;
            case (TransactionState.Completed, TransactionEventKind.TimerK):
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
