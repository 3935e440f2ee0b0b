using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Transactions;

/// <summary>RFC 3261 17.2.2 figure 8, one transition per test.</summary>
public sealed class ServerNonInviteTransactionTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeSender _sender = new();
    private readonly RecordingUser _user = new();
    private readonly SipMessage _request = Msg.Request("REGISTER");

    private ServerNonInviteTransaction Create(SipPeer? peer = null) =>
        new(_request, peer ?? Msg.Udp, _sender, _user, _time, TransactionTimers.Default);

    private void Retransmit(ServerNonInviteTransaction t) => t.Handle(new TransactionEvent(TransactionEventKind.Request, _request));

    private void Tu(ServerNonInviteTransaction t, int code) => t.Handle(TransactionEvent.TuResponse(new OutgoingResponse(code, Msg.Response(_request, code).Raw)));

    // Parsed in a method of its own, so that no local of the test keeps the objects alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference From, WeakReference Vias, string Text) Parse(SipMessage m) =>
        (new WeakReference(m.From), new WeakReference(m.Vias), $"{m.From} {m.To} {m.Vias[0].Branch} {m.RequestUri}");

    [Fact]
    public void A_completed_transaction_lets_go_of_its_requests_parsed_headers_which_parse_again_the_same()
    {
        // The transaction waits 32 s for timer J with its request: the parsed From, To and Via objects are not needed
        // for that, and at a hundred calls a second they were most of the stack's live memory.
        var t = Create();
        var (from, vias, text) = Parse(_request);
        Tu(t, 200);
        Assert.Equal(TransactionState.Completed, t.State);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Null(t.Request);
        Assert.False(from.IsAlive);
        Assert.False(vias.IsAlive);
        Assert.Equal(text, $"{_request.From} {_request.To} {_request.Vias[0].Branch} {_request.RequestUri}");
        Retransmit(t);
        Assert.Equal(2, _sender.Count("SIP/2.0 200"));
    }

    [Fact]
    public void Retransmission_in_trying_is_discarded()
    {
        var t = Create();
        Retransmit(t);
        Assert.Equal(TransactionState.Trying, t.State);
        Assert.Empty(_sender.Sent);
    }

    [Fact]
    public void Provisional_from_tu_moves_to_proceeding_and_retransmission_resends_it()
    {
        var t = Create();
        Tu(t, 100);
        Assert.Equal(TransactionState.Proceeding, t.State);
        Retransmit(t);
        Assert.Equal(2, _sender.Count("SIP/2.0 100"));
    }

    [Fact]
    public void Final_from_tu_moves_to_completed_and_retransmission_resends_the_final()
    {
        var t = Create();
        Tu(t, 200);
        Assert.Equal(TransactionState.Completed, t.State);
        Retransmit(t);
        Assert.Equal(2, _sender.Count("SIP/2.0 200"));
    }

    [Fact]
    public void Timer_j_terminates_completed_after_64_t1_over_udp()
    {
        var t = Create();
        Tu(t, 200);
        _time.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(TransactionState.Completed, t.State);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(TransactionState.Terminated, t.State);
        Assert.Equal(1, _user.Terminations);
    }

    [Fact]
    public void Timer_j_is_zero_over_tcp()
    {
        var t = Create(Msg.Tcp);
        Tu(t, 200);
        _time.Advance(TimeSpan.Zero);
        Assert.Equal(TransactionState.Terminated, t.State);
    }
}
