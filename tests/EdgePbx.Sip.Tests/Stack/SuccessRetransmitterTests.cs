using EdgePbx.Sip.Stack;
using EdgePbx.Sip.Tests.Transactions;
using EdgePbx.Sip.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Stack;

/// <summary>RFC 3261 13.3.1.4: the UAS core retransmits its 2xx until the ACK comes.</summary>
public sealed class SuccessRetransmitterTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeSender _sender = new();

    [Fact]
    public void Success_is_retransmitted_at_t1_doubling_to_t2_until_the_ack()
    {
        using var r = new SuccessRetransmitter(_time, TransactionTimers.Default, _sender);
        var invite = Msg.Request("INVITE");
        r.Start(invite, "tb", Msg.Response(invite, 200).Raw, Msg.Udp);
        foreach (var (gapMs, count) in new[] { (500, 1), (1000, 2), (2000, 3), (4000, 4), (4000, 5) })
        {
            _time.Advance(TimeSpan.FromMilliseconds(gapMs));
            Assert.Equal(count, _sender.Count("SIP/2.0 200"));
        }

        Assert.True(r.OnAck(Msg.Ack(invite)));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(5, _sender.Count("SIP/2.0 200"));
        Assert.Equal(0, r.PendingCount);
    }

    [Fact]
    public void Retransmission_gives_up_after_64_t1_without_ack()
    {
        using var r = new SuccessRetransmitter(_time, TransactionTimers.Default, _sender);
        var invite = Msg.Request("INVITE");
        r.Start(invite, "tb", Msg.Response(invite, 200).Raw, Msg.Udp);
        // Sends at 0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s; the timer due at 35.5 s finds 64*T1 passed and stops.
        for (var i = 0; i < 400; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(0, r.PendingCount);
        Assert.Equal(10, _sender.Count("SIP/2.0 200"));
    }

    [Fact]
    public void Ack_for_another_dialog_does_not_stop_it()
    {
        using var r = new SuccessRetransmitter(_time, TransactionTimers.Default, _sender);
        var invite = Msg.Request("INVITE");
        r.Start(invite, "tb", Msg.Response(invite, 200).Raw, Msg.Udp);
        Assert.False(r.OnAck(Msg.Ack(invite, toTag: "other")));
        Assert.Equal(1, r.PendingCount);
    }
}
