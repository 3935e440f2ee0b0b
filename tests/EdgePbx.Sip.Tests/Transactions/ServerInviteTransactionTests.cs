using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Transactions;

/// <summary>RFC 3261 17.2.1 figure 7 and RFC 6026 7.1, one transition per test.</summary>
public sealed class ServerInviteTransactionTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeSender _sender = new();
    private readonly RecordingUser _user = new();
    private readonly SipMessage _invite = Msg.Request("INVITE");

    private ServerInviteTransaction Start(SipPeer? peer = null)
    {
        var t = new ServerInviteTransaction(_invite, peer ?? Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start(Msg.Response(_invite, 100).Raw);
        return t;
    }

    private static void Tu(ServerInviteTransaction t, SipMessage response) => t.Handle(TransactionEvent.TuResponse(new OutgoingResponse(response.StatusCode, response.Raw)));

    private void Retransmit(ServerInviteTransaction t) => t.Handle(new TransactionEvent(TransactionEventKind.Request, _invite));

    [Fact]
    public void Invite_server_transaction_sends_100_trying_and_enters_proceeding()
    {
        var t = Start();
        Assert.Equal(TransactionState.Proceeding, t.State);
        Assert.Equal(1, _sender.Count("SIP/2.0 100"));
    }

    [Fact]
    public void Invite_server_transaction_absorbs_retransmitted_invite_by_resending_the_last_provisional()
    {
        var t = Start();
        Tu(t, Msg.Response(_invite, 180));
        Retransmit(t);
        Assert.Equal(2, _sender.Count("SIP/2.0 180"));
        Assert.Equal(TransactionState.Proceeding, t.State);
    }

    [Fact]
    public void Failure_from_tu_moves_to_completed_and_timer_g_retransmits_doubling_to_t2()
    {
        var t = Start();
        Tu(t, Msg.Response(_invite, 486));
        Assert.Equal(TransactionState.Completed, t.State);
        int[] gapsMs = [500, 1000, 2000, 4000, 4000];
        var expected = 1;
        foreach (var gap in gapsMs)
        {
            _time.Advance(TimeSpan.FromMilliseconds(gap - 1));
            Assert.Equal(expected, _sender.Count("SIP/2.0 486"));
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(++expected, _sender.Count("SIP/2.0 486"));
        }
    }

    [Fact]
    public void Retransmitted_invite_in_completed_gets_the_final_response_again()
    {
        var t = Start();
        Tu(t, Msg.Response(_invite, 486));
        Retransmit(t);
        Assert.Equal(2, _sender.Count("SIP/2.0 486"));
    }

    [Fact]
    public void Timer_h_without_ack_times_out_and_terminates()
    {
        var t = Start();
        Tu(t, Msg.Response(_invite, 486));
        _time.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(TransactionState.Terminated, t.State);
        Assert.Equal(1, _user.Timeouts);
    }

    [Fact]
    public void Ack_in_completed_moves_to_confirmed_and_stops_retransmissions()
    {
        var t = Start();
        Tu(t, Msg.Response(_invite, 486));
        t.Handle(new TransactionEvent(TransactionEventKind.Request, Msg.Ack(_invite)));
        Assert.Equal(TransactionState.Confirmed, t.State);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, _sender.Count("SIP/2.0 486"));
    }

    [Fact]
    public void Timer_i_terminates_confirmed_after_t4()
    {
        var t = Start();
        Tu(t, Msg.Response(_invite, 486));
        t.Handle(new TransactionEvent(TransactionEventKind.Request, Msg.Ack(_invite)));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TransactionState.Terminated, t.State);
        Assert.Equal(0, _user.Timeouts);
    }

    [Fact]
    public void Success_from_tu_moves_to_accepted_and_retransmitted_invite_is_absorbed()
    {
        var t = Start();
        Tu(t, Msg.Response(_invite, 200));
        Assert.Equal(TransactionState.Accepted, t.State);
        Retransmit(t);
        Assert.Equal(1, _sender.Count("SIP/2.0 200"));
    }

    [Fact]
    public void Ack_in_accepted_goes_to_the_tu()
    {
        var t = Start();
        Tu(t, Msg.Response(_invite, 200));
        t.Handle(new TransactionEvent(TransactionEventKind.Request, Msg.Ack(_invite)));
        Assert.Single(_user.Acks);
    }

    [Fact]
    public void Tu_retransmission_of_success_in_accepted_is_sent()
    {
        var t = Start();
        var ok = Msg.Response(_invite, 200);
        Tu(t, ok);
        Tu(t, ok);
        Assert.Equal(2, _sender.Count("SIP/2.0 200"));
    }

    [Fact]
    public void Timer_l_terminates_accepted_after_64_t1()
    {
        var t = Start();
        Tu(t, Msg.Response(_invite, 200));
        _time.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(TransactionState.Accepted, t.State);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(TransactionState.Terminated, t.State);
    }
}
