using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Transactions;

/// <summary>RFC 3261 17.1.1 figure 5 and RFC 6026 7.2, one transition per test.</summary>
public sealed class ClientInviteTransactionTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeSender _sender = new();
    private readonly RecordingUser _user = new();
    private readonly SipMessage _invite = Msg.Request("INVITE");

    private ClientInviteTransaction Start(SipPeer? peer = null)
    {
        var t = new ClientInviteTransaction(_invite, peer ?? Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start();
        return t;
    }

    // The INVITE and its 200 made in a method of their own, so that no local of the test keeps the INVITE alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private (ClientInviteTransaction T, SipMessage Ok, WeakReference Invite) StartOwnInvite()
    {
        var invite = Msg.Request("INVITE", "z9hG4bKown");
        var t = new ClientInviteTransaction(invite, Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start();
        return (t, Msg.Response(invite, 200), new WeakReference(invite));
    }

    [Fact]
    public void An_accepted_transaction_lets_go_of_its_invite_and_still_hands_2xx_retransmissions_up()
    {
        // Timer M keeps the transaction 32 s after the 2xx (RFC 6026 7.2); the INVITE is not needed for that.
        var (t, ok, invite) = StartOwnInvite();
        Assert.NotNull(t.Request);

        t.Handle(new TransactionEvent(TransactionEventKind.Response, ok));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Equal(TransactionState.Accepted, t.State);
        Assert.Null(t.Request);
        Assert.False(invite.IsAlive);
        t.Handle(new TransactionEvent(TransactionEventKind.Response, ok));
        Assert.Equal(2, _user.Responses.Count);
        _time.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(TransactionState.Terminated, t.State);
    }

    [Fact]
    public void Start_sends_the_invite_and_enters_calling()
    {
        var t = Start();
        Assert.Equal(TransactionState.Calling, t.State);
        Assert.Equal(1, _sender.Count("INVITE"));
    }

    [Fact]
    public void Timer_a_retransmits_at_t1_then_doubles()
    {
        Start();
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(1, _sender.Count("INVITE"));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _sender.Count("INVITE"));
        _time.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(3, _sender.Count("INVITE"));
        _time.Advance(TimeSpan.FromMilliseconds(2000));
        Assert.Equal(4, _sender.Count("INVITE"));
        _time.Advance(TimeSpan.FromMilliseconds(3999));
        Assert.Equal(4, _sender.Count("INVITE"));
    }

    [Fact]
    public void Timer_a_re_arms_one_timer_at_every_retransmission()
    {
        var time = new CountingTimeProvider();
        var t = new ClientInviteTransaction(_invite, Msg.Udp, _sender, _user, time, TransactionTimers.Default);
        t.Start();
        Assert.Equal(2, time.Created); // A and B

        foreach (var interval in new[] { 500, 1000, 2000, 4000 })
        {
            time.Advance(TimeSpan.FromMilliseconds(interval));
        }

        Assert.Equal(5, _sender.Count("INVITE"));
        Assert.Equal(2, time.Created);

        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(_invite, 200)));
        Assert.Equal(3, time.Created); // and M
        time.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(TransactionState.Terminated, t.State);
    }

    [Fact]
    public void Reliable_transport_does_not_retransmit()
    {
        Start(Msg.Tcp);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _sender.Count("INVITE"));
    }

    [Fact]
    public void Timer_b_in_calling_times_out_and_terminates()
    {
        var t = Start();
        _time.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(TransactionState.Calling, t.State);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(TransactionState.Terminated, t.State);
        Assert.Equal(1, _user.Timeouts);
    }

    [Fact]
    public void Provisional_in_calling_moves_to_proceeding_stops_retransmission_and_is_passed_up()
    {
        var t = Start();
        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(_invite, 180)));
        Assert.Equal(TransactionState.Proceeding, t.State);
        Assert.Single(_user.Responses);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, _sender.Count("INVITE"));
    }

    [Fact]
    public void Final_failure_moves_to_completed_sends_ack_and_is_passed_up()
    {
        var t = Start();
        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(_invite, 486)));
        Assert.Equal(TransactionState.Completed, t.State);
        Assert.Single(_user.Responses);
        Assert.Equal(1, _sender.Count("ACK"));
    }

    [Fact]
    public void Ack_for_failure_keeps_uri_call_id_from_cseq_number_and_top_via_and_takes_to_from_response()
    {
        var t = Start();
        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(_invite, 486, "xyz")));
        var ack = SipParser.Parse(System.Text.Encoding.UTF8.GetBytes(_sender.Sent.Last())).Message!;
        Assert.Equal("sip:bob@127.0.0.1", ack.RequestTarget);
        Assert.Equal(new CSeqHeader(1, "ACK"), ack.CSeq);
        Assert.Equal("xyz", ack.ToTag);
        Assert.Equal("fa", ack.FromTag);
        Assert.Equal("z9hG4bKtx1", ack.TopBranch);
        Assert.Single(ack.Vias);
        Assert.Equal("<sip:proxy.example.com;lr>", ack.GetHeader(HeaderKind.Route));
    }

    [Fact]
    public void Retransmitted_failure_in_completed_gets_ack_again_and_is_absorbed()
    {
        var t = Start();
        var busy = Msg.Response(_invite, 486);
        t.Handle(new TransactionEvent(TransactionEventKind.Response, busy));
        t.Handle(new TransactionEvent(TransactionEventKind.Response, busy));
        Assert.Equal(2, _sender.Count("ACK"));
        Assert.Single(_user.Responses);
    }

    [Fact]
    public void Timer_d_terminates_completed_after_32_seconds_over_udp()
    {
        var t = Start();
        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(_invite, 486)));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(TransactionState.Completed, t.State);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TransactionState.Terminated, t.State);
    }

    [Fact]
    public void Success_moves_to_accepted_per_rfc6026_and_timer_m_terminates()
    {
        var t = Start();
        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(_invite, 200)));
        Assert.Equal(TransactionState.Accepted, t.State);
        Assert.Equal(0, _sender.Count("ACK"));
        _time.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(TransactionState.Terminated, t.State);
    }

    [Fact]
    public void Retransmitted_success_in_accepted_is_passed_to_the_tu()
    {
        var t = Start();
        var ok = Msg.Response(_invite, 200);
        t.Handle(new TransactionEvent(TransactionEventKind.Response, ok));
        t.Handle(new TransactionEvent(TransactionEventKind.Response, ok));
        Assert.Equal(2, _user.Responses.Count);
    }

    [Fact]
    public void Transport_error_terminates_and_informs_the_tu()
    {
        _sender.Fail = true;
        var t = Start();
        Assert.Equal(TransactionState.Terminated, t.State);
        Assert.Equal(1, _user.TransportErrors);
    }
}
