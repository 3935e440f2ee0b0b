using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Transactions;

/// <summary>RFC 3261 17.1.2 figure 6, one transition per test.</summary>
public sealed class ClientNonInviteTransactionTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeSender _sender = new();
    private readonly RecordingUser _user = new();
    private readonly SipMessage _request = Msg.Request("OPTIONS");

    private ClientNonInviteTransaction Start(SipPeer? peer = null)
    {
        var t = new ClientNonInviteTransaction(_request, peer ?? Msg.Udp, _sender, _user, _time, TransactionTimers.Default);
        t.Start();
        return t;
    }

    [Fact]
    public void Timer_e_doubles_from_t1_up_to_t2_while_trying()
    {
        Start();
        int[] gapsMs = [500, 1000, 2000, 4000, 4000, 4000];
        var expected = 1;
        foreach (var gap in gapsMs)
        {
            _time.Advance(TimeSpan.FromMilliseconds(gap - 1));
            Assert.Equal(expected, _sender.Count("OPTIONS"));
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(++expected, _sender.Count("OPTIONS"));
        }
    }

    [Fact]
    public void Provisional_moves_trying_to_proceeding_and_e_then_fires_at_t2()
    {
        var t = Start();
        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(_request, 100)));
        Assert.Equal(TransactionState.Proceeding, t.State);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, _sender.Count("OPTIONS"));
        _time.Advance(TimeSpan.FromMilliseconds(3999));
        Assert.Equal(2, _sender.Count("OPTIONS"));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, _sender.Count("OPTIONS"));
    }

    [Fact]
    public void Timer_f_times_out_after_64_t1()
    {
        var t = Start();
        _time.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(TransactionState.Terminated, t.State);
        Assert.Equal(1, _user.Timeouts);
    }

    [Fact]
    public void Final_response_moves_to_completed_and_later_finals_are_absorbed()
    {
        var t = Start();
        var ok = Msg.Response(_request, 200);
        t.Handle(new TransactionEvent(TransactionEventKind.Response, ok));
        t.Handle(new TransactionEvent(TransactionEventKind.Response, ok));
        Assert.Equal(TransactionState.Completed, t.State);
        Assert.Single(_user.Responses);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _sender.Count("OPTIONS"));
    }

    [Fact]
    public void Timer_k_terminates_completed_after_t4_over_udp()
    {
        var t = Start();
        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(_request, 200)));
        _time.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.Equal(TransactionState.Completed, t.State);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TransactionState.Terminated, t.State);
    }

    [Fact]
    public void Timer_k_is_zero_over_tcp()
    {
        var t = Start(Msg.Tcp);
        t.Handle(new TransactionEvent(TransactionEventKind.Response, Msg.Response(_request, 200)));
        _time.Advance(TimeSpan.Zero);
        Assert.Equal(TransactionState.Terminated, t.State);
    }
}
