using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;

namespace EdgePbx.Sip.Tests.Transactions;

/// <summary>
/// A transaction that only waits for its last timer (RFC 3261 17, RFC 6026) keeps that timer alone: the timers of the
/// states it left are disposed, not just stopped (thousands of finished transactions wait at a hundred calls a second).
/// </summary>
public sealed class FinishedTransactionTimerTests
{
    private readonly CountingTimeProvider _time = new();
    private readonly FakeSender _sender = new();
    private readonly RecordingUser _user = new();

    private ClientInviteTransaction StartClient(SipMessage invite)
    {
        var t = new ClientInviteTransaction(invite, Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start();
        return t;
    }

    private ClientNonInviteTransaction StartNonInvite(SipMessage request)
    {
        var t = new ClientNonInviteTransaction(request, Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start();
        return t;
    }

    /// <summary>A server INVITE transaction that sent 100 Trying and then the TU's <paramref name="code"/>.</summary>
    private ServerInviteTransaction AnsweredServer(SipMessage invite, int code)
    {
        var t = new ServerInviteTransaction(invite, Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start(Msg.Response(invite, 100).Raw);
        var response = Msg.Response(invite, code);
        t.Handle(TransactionEvent.TuResponse(new OutgoingResponse(response.StatusCode, response.Raw)));
        return t;
    }

    private static void Receive(SipTransaction t, SipMessage response) => t.Handle(new TransactionEvent(TransactionEventKind.Response, response));

    [Fact]
    public void An_accepted_client_invite_keeps_only_timer_m()
    {
        var invite = Msg.Request("INVITE");
        var t = StartClient(invite);
        Assert.Equal(2, _time.Live); // A and B

        Receive(t, Msg.Response(invite, 180));
        Assert.Equal(1, _time.Live); // B: A stops for good once a provisional came (17.1.1.2)
        Receive(t, Msg.Response(invite, 200));

        Assert.Equal(TransactionState.Accepted, t.State);
        Assert.Equal(1, _time.Live); // M
        _time.Advance(TransactionTimers.Default.SixtyFourT1);
        Assert.Equal(TransactionState.Terminated, t.State);
        Assert.Equal(0, _time.Live);
    }

    [Fact]
    public void A_client_invite_completed_by_a_failure_keeps_only_timer_d()
    {
        var invite = Msg.Request("INVITE");
        var t = StartClient(invite);

        Receive(t, Msg.Response(invite, 486));

        Assert.Equal(TransactionState.Completed, t.State);
        Assert.Equal(1, _time.Live);
    }

    [Fact]
    public void A_completed_client_non_invite_keeps_only_timer_k()
    {
        var bye = Msg.Request("BYE");
        var t = StartNonInvite(bye);
        Assert.Equal(2, _time.Live); // E and F

        Receive(t, Msg.Response(bye, 200));

        Assert.Equal(TransactionState.Completed, t.State);
        Assert.Equal(1, _time.Live);
    }

    [Fact]
    public void A_confirmed_server_invite_keeps_only_timer_i()
    {
        var invite = Msg.Request("INVITE");
        var t = AnsweredServer(invite, 486);
        Assert.Equal(TransactionState.Completed, t.State);

        t.Handle(new TransactionEvent(TransactionEventKind.Request, Msg.Ack(invite)));

        Assert.Equal(TransactionState.Confirmed, t.State);
        Assert.Equal(1, _time.Live);
    }

    [Fact]
    public void An_invite_answered_2xx_makes_only_the_timers_of_its_path()
    {
        // Server side: 100, then 200 from the TU -> Accepted: timer L alone (G, H and I are for failures and ACKs).
        var invite = Msg.Request("INVITE");
        var server = AnsweredServer(invite, 200);
        Assert.Equal(TransactionState.Accepted, server.State);
        Assert.Equal(1, server.TimersMade);

        // Client side: A and B while calling, M once answered; D is for failures only.
        var client = StartClient(invite);
        Receive(client, Msg.Response(invite, 200));
        Assert.Equal(TransactionState.Accepted, client.State);
        Assert.Equal(3, client.TimersMade);
    }

    [Fact]
    public void A_finished_transaction_lets_go_of_the_timers_of_the_states_it_left()
    {
        // A and B of an answered client INVITE, E and F of a completed BYE: disposed, and not reachable from the
        // transaction while it waits its 32 s (or 5 s) for M (or K).
        var (invite, bye) = FinishTwo();
        Assert.Equal(4, _time.Disposed.Count);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.All(_time.Disposed, w => Assert.False(w.IsAlive));
        Assert.Equal(TransactionState.Accepted, invite.State);
        Assert.Equal(TransactionState.Completed, bye.State);
        Assert.Equal(2, _time.Live); // M and K
    }

    [Fact]
    public void A_timer_has_no_object_of_its_own_between_the_machine_and_its_itimer()
    {
        // Each ITimer's callback state is the transaction itself: a waiting transaction holds its ITimer and nothing
        // else for it (a timer object per timer was 56 B more per finished transaction, thousands of them under load).
        var (invite, bye) = FinishTwo();

        Assert.Equal(6, _time.States.Count); // A, B, M; E, F, K
        Assert.All(_time.States.Take(3), s => Assert.Same(invite, s));
        Assert.All(_time.States.Skip(3), s => Assert.Same(bye, s));
    }

    // Not inlined: no temporary of the set-up may stay on the test's stack while it collects.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private (ClientInviteTransaction Invite, ClientNonInviteTransaction Bye) FinishTwo()
    {
        var invite = Msg.Request("INVITE");
        var client = StartClient(invite);
        Receive(client, Msg.Response(invite, 200));
        var bye = Msg.Request("BYE");
        var byeClient = StartNonInvite(bye);
        Receive(byeClient, Msg.Response(bye, 200));
        return (client, byeClient);
    }
}
