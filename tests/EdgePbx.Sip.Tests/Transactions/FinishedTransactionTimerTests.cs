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

    [Fact]
    public void An_accepted_client_invite_keeps_only_timer_m()
    {
        var invite = Msg.Request("INVITE");
        var t = new ClientInviteTransaction(invite, Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start();
        Assert.Equal(2, _time.Live); // A and B

        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(invite, 180)));
        Assert.Equal(1, _time.Live); // B: A stops for good once a provisional came (17.1.1.2)
        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(invite, 200)));

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
        var t = new ClientInviteTransaction(invite, Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start();

        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(invite, 486)));

        Assert.Equal(TransactionState.Completed, t.State);
        Assert.Equal(1, _time.Live);
    }

    [Fact]
    public void A_completed_client_non_invite_keeps_only_timer_k()
    {
        var bye = Msg.Request("BYE");
        var t = new ClientNonInviteTransaction(bye, Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start();
        Assert.Equal(2, _time.Live); // E and F

        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(bye, 200)));

        Assert.Equal(TransactionState.Completed, t.State);
        Assert.Equal(1, _time.Live);
    }

    [Fact]
    public void A_confirmed_server_invite_keeps_only_timer_i()
    {
        var invite = Msg.Request("INVITE");
        var t = new ServerInviteTransaction(invite, Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start(Msg.Response(invite, 100).Raw);
        var busy = Msg.Response(invite, 486);
        t.Handle(TransactionEvent.TuResponse(new OutgoingResponse(busy.StatusCode, busy.Raw)));
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
        var server = new ServerInviteTransaction(invite, Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        server.Start(Msg.Response(invite, 100).Raw);
        var ok = Msg.Response(invite, 200);
        server.Handle(TransactionEvent.TuResponse(new OutgoingResponse(ok.StatusCode, ok.Raw)));
        Assert.Equal(TransactionState.Accepted, server.State);
        Assert.Equal(1, server.TimersMade);

        // Client side: A and B while calling, M once answered; D is for failures only.
        var client = new ClientInviteTransaction(invite, Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        client.Start();
        client.Handle(new TransactionEvent(TransactionEventKind.Response, ok));
        Assert.Equal(TransactionState.Accepted, client.State);
        Assert.Equal(3, client.TimersMade);
    }
}
