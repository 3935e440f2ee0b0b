using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Tests.Transactions;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Registration;

/// <summary>
/// OPTIONS qualify over real client non-INVITE transactions, a fake sender and a fake clock: what goes on
/// the wire, answers, timer F timeouts, and what <see cref="ContactQualifier.IsReachable"/> says after each.
/// </summary>
public sealed class ContactQualifierTests : ISipClient, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeSender _sender = new();
    private readonly InMemoryBindingStore _store = new();
    private readonly List<(SipTransaction Transaction, SipMessage Request, SipPeer Target)> _sent = [];
    private readonly ContactQualifier _qualifier;

    public ContactQualifierTests()
    {
        _qualifier = new ContactQualifier(new QualifyOptions { Interval = Interval }, _store, this, _ => "192.0.2.1:5060", _time, NullLogger.Instance);
        _qualifier.Start();
    }

    public SipTransaction SendRequest(SipMessage request, SipPeer target, ITransactionUser user)
    {
        var t = new ClientNonInviteTransaction(request, target, _sender, user, _time, TransactionTimers.Default);
        _sent.Add((t, request, target));
        t.Start();
        return t;
    }

    public void Dispose() => _qualifier.Dispose();

    private SipBinding Bind(string ext, string contact, string source, string callId = "reg-1", int expiresSeconds = 3600)
    {
        var b = new SipBinding($"sip:{ext}@edgepbx", contact, callId, 1, _time.GetUtcNow().AddSeconds(expiresSeconds), null, source, "phone");
        _store.Upsert(b);
        return b;
    }

    private void Answer(int index, int status)
    {
        var (t, request, _) = _sent[index];
        t.Handle(new TransactionEvent(TransactionEventKind.Response, SipMessageBuilder.ResponseTo(request, status, "Answer").Build()));
    }

    [Fact]
    public void Every_interval_each_bound_contact_gets_one_options_addressed_to_it()
    {
        Bind("101", "sip:101@192.0.2.10:5062", "UDP:192.0.2.10:5062");
        Bind("102", "sip:102@192.0.2.11:5060;transport=tcp", "TCP:192.0.2.11:40001");
        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Empty(_sent);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, _sent.Count);
        var udp = _sent.Single(s => s.Request.RequestTarget == "sip:101@192.0.2.10:5062");
        Assert.Equal("OPTIONS", udp.Request.Method);
        Assert.Equal("sip:101@192.0.2.10:5062", udp.Request.To.Uri.Text);
        Assert.StartsWith("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK", udp.Request.GetHeader(HeaderKind.Via), StringComparison.Ordinal);
        Assert.Equal(new SipPeer(SipTransportKind.Udp, System.Net.IPEndPoint.Parse("192.0.2.10:5062")), udp.Target);
        var tcp = _sent.Single(s => s.Request.RequestTarget.StartsWith("sip:102@", StringComparison.Ordinal));
        Assert.StartsWith("SIP/2.0/TCP ", tcp.Request.GetHeader(HeaderKind.Via), StringComparison.Ordinal);
        Assert.Equal(SipTransportKind.Tcp, tcp.Target.Transport);
    }

    [Fact]
    public void Contact_behind_nat_is_asked_where_its_register_came_from()
    {
        Bind("101", "sip:101@10.0.0.5:5060", "UDP:198.51.100.7:31000");
        _time.Advance(Interval);
        Assert.Equal(System.Net.IPEndPoint.Parse("198.51.100.7:31000"), Assert.Single(_sent).Target.EndPoint);
    }

    [Fact]
    public void Contact_that_answers_is_reachable_and_one_that_times_out_is_not()
    {
        var answers = Bind("101", "sip:101@192.0.2.10:5062", "UDP:192.0.2.10:5062");
        var silent = Bind("102", "sip:102@192.0.2.11:5062", "UDP:192.0.2.11:5062");
        Assert.Equal(ContactReachability.Unknown, _qualifier.Reachability(silent));
        Assert.True(_qualifier.IsReachable(silent));

        _time.Advance(Interval);
        Answer(_sent.FindIndex(s => s.Request.RequestTarget.Contains("101@", StringComparison.Ordinal)), 200);
        Assert.Equal(ContactReachability.Reachable, _qualifier.Reachability(answers));

        // RFC 3261 17.1.2.2: timer F = 64*T1 = 32 s with no final response.
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(_qualifier.IsReachable(silent));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_qualifier.IsReachable(silent));
        Assert.Equal(ContactReachability.Unreachable, _qualifier.Reachability(silent));
        Assert.True(_qualifier.IsReachable(answers));
    }

    [Fact]
    public void Any_final_response_counts_as_alive()
    {
        var b = Bind("101", "sip:101@192.0.2.10:5062", "UDP:192.0.2.10:5062");
        _time.Advance(Interval);
        Answer(0, 405);
        Assert.Equal(ContactReachability.Reachable, _qualifier.Reachability(b));
    }

    [Fact]
    public void Unreachable_contact_that_answers_a_later_round_is_reachable_again()
    {
        var b = Bind("101", "sip:101@192.0.2.10:5062", "UDP:192.0.2.10:5062");
        _time.Advance(Interval);
        _time.Advance(TimeSpan.FromSeconds(32));
        Assert.False(_qualifier.IsReachable(b));

        _time.Advance(Interval);
        Assert.Equal(2, _sent.Count);
        Answer(1, 200);
        Assert.True(_qualifier.IsReachable(b));
    }

    [Fact]
    public void Contact_with_an_options_outstanding_is_not_asked_again()
    {
        Bind("101", "sip:101@192.0.2.10:5062", "UDP:192.0.2.10:5062");
        var fast = new ContactQualifier(new QualifyOptions { Interval = TimeSpan.FromSeconds(10) }, _store, this, _ => "192.0.2.1:5060", _time, NullLogger.Instance);
        fast.Start();
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, fast.PendingCount);
        // Rounds at 10 s (sent), 20 s and 30 s (skipped: the first is still waiting for timer F).
        Assert.Equal(1, _sent.Count(s => s.Request.Method == "OPTIONS"));
        fast.Dispose();
    }

    [Fact]
    public void Re_registered_contact_starts_unknown_again()
    {
        var b = Bind("101", "sip:101@192.0.2.10:5062", "UDP:192.0.2.10:5062");
        _time.Advance(Interval);
        _time.Advance(TimeSpan.FromSeconds(32));
        Assert.False(_qualifier.IsReachable(b));

        // The phone rebooted: a new Call-ID. It proved it can reach us; ring it until a qualify says otherwise.
        var again = Bind("101", "sip:101@192.0.2.10:5062", "UDP:192.0.2.10:5062", callId: "reg-2");
        Assert.Equal(ContactReachability.Unknown, _qualifier.Reachability(again));
        Assert.True(_qualifier.IsReachable(again));
    }

    [Fact]
    public void Expired_and_removed_bindings_are_not_asked()
    {
        Bind("101", "sip:101@192.0.2.10:5062", "UDP:192.0.2.10:5062", expiresSeconds: 30);
        var removed = Bind("102", "sip:102@192.0.2.11:5062", "UDP:192.0.2.11:5062");
        _store.Remove(removed.AddressOfRecord, removed.ContactUri);
        _time.Advance(Interval);
        Assert.Empty(_sent);
    }

    [Fact]
    public void Zero_interval_turns_qualify_off()
    {
        Bind("101", "sip:101@192.0.2.10:5062", "UDP:192.0.2.10:5062");
        using var off = new ContactQualifier(new QualifyOptions { Interval = TimeSpan.Zero }, _store, this, _ => "192.0.2.1:5060", _time, NullLogger.Instance);
        _qualifier.Dispose();
        off.Start();
        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(off.IsEnabled);
        Assert.Empty(_sent);
    }

    [Fact]
    public void Negative_interval_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContactQualifier(new QualifyOptions { Interval = TimeSpan.FromSeconds(-1) }, _store, this, _ => "x", _time, NullLogger.Instance));
    }

    [Fact]
    public void Ipv6_contact_is_asked_at_its_bracketed_address()
    {
        Bind("101", "sip:101@[2001:db8::10]:5062", "UDP:[2001:db8::10]:5062");
        _time.Advance(Interval);
        var (_, request, target) = Assert.Single(_sent);
        Assert.Equal("sip:101@[2001:db8::10]:5062", request.RequestTarget);
        Assert.Equal(System.Net.IPEndPoint.Parse("[2001:db8::10]:5062"), target.EndPoint);
    }
}
