using System.Net;
using System.Text;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Subscriptions;
using EdgePbx.Sip.Tests.Transactions;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Subscriptions;

/// <summary>A package whose state is a string per resource; user X may watch resource X, "999" does not exist.</summary>
internal sealed class TextPackage : IEventPackage
{
    public Dictionary<string, string> State { get; } = [];

    public string Name => "message-summary";

    public string ContentType => "application/simple-message-summary";

    public int DefaultExpires => 3600;

    public SubscriptionAuthorization Authorize(string subscriber, string resource) =>
        resource == "999" ? SubscriptionAuthorization.NotFound
        : subscriber == resource ? SubscriptionAuthorization.Allowed
        : SubscriptionAuthorization.Forbidden;

    public ReadOnlyMemory<byte> CurrentState(string resource) => Encoding.UTF8.GetBytes(State.GetValueOrDefault(resource, "none"));
}

/// <summary>
/// Real client non-INVITE transactions over a fake sender and a fake clock: what the notifier sends is what
/// a phone would see on the wire, retransmissions included, and the test answers each NOTIFY.
/// </summary>
internal sealed class NotifierFixture : ISipClient
{
    public static readonly SipPeer Phone = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5071));

    public NotifierFixture(SubscriptionOptions? options = null)
    {
        Notifier = new EventNotifier(options ?? new SubscriptionOptions(), this, Time, NullLogger.Instance, () => "127.0.0.1:5060");
        Notifier.AddPackage(Package);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public FakeSender Sender { get; } = new();

    public TextPackage Package { get; } = new();

    public EventNotifier Notifier { get; }

    public List<(SipTransaction Transaction, SipMessage Request)> Sent { get; } = [];

    public List<(int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers)> Responses { get; } = [];

    public SipMessage LastNotify => Sent[^1].Request;

    public SipTransaction SendRequest(SipMessage request, SipPeer target, ITransactionUser user)
    {
        var t = new ClientNonInviteTransaction(request, target, Sender, user, Time, TransactionTimers.Default);
        Sent.Add((t, request));
        t.Start();
        return t;
    }

    /// <summary>Sends a SUBSCRIBE from user 101 and returns the response the notifier gave.</summary>
    public (int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers) Subscribe(
        string? expires = "600", string eventHeader = "message-summary", string? toTag = null, int cseq = 1, string resource = "101", string subscriber = "101", string? accept = null)
    {
        var b = SipMessageBuilder.Request("SUBSCRIBE", $"sip:{resource}@127.0.0.1:5060")
            .Add("Via", $"SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bKs{cseq}{Sent.Count}")
            .Add("Max-Forwards", "70")
            .Add("From", "<sip:101@127.0.0.1>;tag=phone1")
            .Add("To", toTag is null ? $"<sip:{resource}@127.0.0.1>" : $"<sip:{resource}@127.0.0.1>;tag={toTag}")
            .Add("Call-ID", "sub-1@127.0.0.1")
            .Add("CSeq", $"{cseq} SUBSCRIBE")
            .Add("Contact", "<sip:101@127.0.0.1:5071>")
            .Add("Event", eventHeader);
        if (expires is not null)
        {
            b.Add("Expires", expires);
        }

        if (accept is not null)
        {
            b.Add("Accept", accept);
        }

        Notifier.OnSubscribe(b.Build(), Phone, "box1", subscriber, (s, r, h) => Responses.Add((s, r, h)));
        return Responses[^1];
    }

    /// <summary>The phone answers the NOTIFY at <paramref name="index"/> (default: the last one).</summary>
    public void Answer(int status, int index = -1)
    {
        var (t, request) = Sent[index < 0 ? Sent.Count + index : index];
        var response = SipMessageBuilder.ResponseTo(request, status, status == 200 ? "OK" : "Failure").Build();
        t.Handle(new TransactionEvent(TransactionEventKind.Response, response));
    }

    public static string? Header(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        headers.Where(h => h.Key == name).Select(h => h.Value).FirstOrDefault();
}
