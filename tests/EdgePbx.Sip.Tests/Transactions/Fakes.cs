using System.Net;
using System.Text;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Transactions;

internal sealed class FakeSender : ISipSender
{
    public List<string> Sent { get; } = [];

    public bool Fail { get; set; }

    public bool Send(ReadOnlyMemory<byte> data, SipPeer target)
    {
        if (Fail)
        {
            return false;
        }

        Sent.Add(Encoding.UTF8.GetString(data.Span));
        return true;
    }

    public int Count(string startLinePrefix) => Sent.Count(s => s.StartsWith(startLinePrefix, StringComparison.Ordinal));
}

internal sealed class RecordingUser : ITransactionUser
{
    public List<SipMessage> Responses { get; } = [];

    public List<SipMessage> Acks { get; } = [];

    public int Timeouts { get; private set; }

    public int TransportErrors { get; private set; }

    public int Terminations { get; private set; }

    public void OnResponse(SipTransaction transaction, SipMessage response) => Responses.Add(response);

    public void OnAck(SipTransaction transaction, SipMessage ack) => Acks.Add(ack);

    public void OnTimeout(SipTransaction transaction) => Timeouts++;

    public void OnTransportError(SipTransaction transaction) => TransportErrors++;

    public void OnTerminated(SipTransaction transaction) => Terminations++;
}

internal static class Msg
{
    public static readonly SipPeer Udp = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    public static readonly SipPeer Tcp = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5070), 1);

    public static SipMessage Request(string method, string branch = "z9hG4bKtx1") => SipMessageBuilder.Request(method, "sip:bob@127.0.0.1")
        .Add("Via", $"SIP/2.0/UDP 127.0.0.1:5070;branch={branch}")
        .Add("From", "<sip:alice@example.com>;tag=fa")
        .Add("To", "<sip:bob@example.com>")
        .Add("Call-ID", "call-1@test")
        .Add("CSeq", $"1 {method}")
        .Add("Route", "<sip:proxy.example.com;lr>")
        .Add("Max-Forwards", "70")
        .Build();

    public static SipMessage Response(SipMessage request, int code, string toTag = "tb") =>
        SipMessageBuilder.ResponseTo(request, code, code switch { 100 => "Trying", 180 => "Ringing", 200 => "OK", _ => "Failure" }, toTag).Build();

    public static SipMessage Ack(SipMessage invite, string toTag = "tb") => SipMessageBuilder.Request("ACK", "sip:bob@127.0.0.1")
        .Add("Via", invite.GetHeader(HeaderKind.Via)!)
        .Add("From", "<sip:alice@example.com>;tag=fa")
        .Add("To", $"<sip:bob@example.com>;tag={toTag}")
        .Add("Call-ID", "call-1@test")
        .Add("CSeq", "1 ACK")
        .Build();
}

/// <summary>A fake clock that counts the timers made from it, and those not yet disposed.</summary>
internal sealed class CountingTimeProvider : FakeTimeProvider
{
    public int Created { get; private set; }

    public int Live { get; private set; }

    /// <summary>The callback state of every timer made, in order.</summary>
    public List<object?> States { get; } = [];

    /// <summary>The timers disposed so far, held weakly: whether their owner still keeps them.</summary>
    public List<WeakReference> Disposed { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Created++;
        Live++;
        States.Add(state);
        return new CountedTimer(base.CreateTimer(callback, state, dueTime, period), this);
    }

    private sealed class CountedTimer(ITimer inner, CountingTimeProvider owner) : ITimer
    {
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                owner.Live--;
                owner.Disposed.Add(new WeakReference(this));
            }

            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
