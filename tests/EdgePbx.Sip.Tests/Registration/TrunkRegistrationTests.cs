using System.Net;
using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Tests.Transactions;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Registration;

public sealed class TrunkRegistrationTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeClient _client;
    private readonly TrunkRegistration _trunk;
    private readonly List<TrunkRegistrationState> _states = [];

    public TrunkRegistrationTests()
    {
        _client = new FakeClient(_time);
        _trunk = new TrunkRegistration(
            new TrunkRegistrationOptions
            {
                RegistrarUri = "sip:carrier.example.com",
                AddressOfRecord = "sip:4001234567@carrier.example.com",
                ContactUri = "sip:4001234567@203.0.113.5:5060",
                Target = new SipPeer(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("198.51.100.1"), 5060)),
                SentBy = "203.0.113.5:5060",
                Username = "4001234567",
                Password = "trunkpw",
            },
            _client,
            _time);
        _trunk.StateChanged += _states.Add;
    }

    public void Dispose() => _trunk.Dispose();

    private void Answer(int code, params (string Name, string Value)[] headers)
    {
        var (request, tx) = _client.Sent[^1];
        var b = SipMessageBuilder.ResponseTo(request, code, "x", "srv");
        foreach (var (n, v) in headers)
        {
            b.Add(n, v);
        }

        ((ITransactionUser)_trunk).OnResponse(tx, b.Build());
    }

    private const string Challenge = "Digest realm=\"carrier\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"";

    [Fact]
    public void Start_sends_register_and_reports_registering()
    {
        _trunk.Start();
        var register = _client.Sent.Single().Request;
        Assert.Equal("REGISTER", register.Method);
        Assert.Equal("300", register.GetHeader(HeaderKind.Expires));
        Assert.Equal([TrunkRegistrationState.Registering], _states);
    }

    [Fact]
    public void Challenge_is_answered_with_digest_that_the_server_side_accepts()
    {
        _trunk.Start();
        Answer(401, ("WWW-Authenticate", Challenge));

        var second = _client.Sent[1].Request;
        var credentials = DigestCredentials.TryParse(second.GetHeader(HeaderKind.Authorization)!, out _)!;
        var expected = DigestCalculator.Response(DigestAlgorithm.Md5, DigestCalculator.Ha1(DigestAlgorithm.Md5, "4001234567", "carrier", "trunkpw"),
            "n1", credentials.NonceCount, credentials.CNonce, "auth", "REGISTER", "sip:carrier.example.com");
        Assert.Equal(expected, credentials.Response);
        Assert.Equal(2, second.CSeqNumber);
        Assert.Equal(_client.Sent[0].Request.CallId, second.CallId);
    }

    [Fact]
    public void Success_reports_registered_and_refreshes_30_seconds_before_expiry()
    {
        _trunk.Start();
        Answer(200, ("Contact", "<sip:4001234567@203.0.113.5:5060>;expires=120"));
        Assert.Equal(TrunkRegistrationState.Registered, _trunk.State);

        _time.Advance(TimeSpan.FromSeconds(89));
        Assert.Single(_client.Sent);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, _client.Sent.Count);
        Assert.Equal(TrunkRegistrationState.Registered, _trunk.State);
    }

    [Fact]
    public void Second_challenge_after_authenticating_is_a_wrong_password_failure()
    {
        _trunk.Start();
        Answer(401, ("WWW-Authenticate", Challenge));
        Answer(401, ("WWW-Authenticate", Challenge.Replace("n1", "n2", StringComparison.Ordinal)));
        Assert.Equal(TrunkRegistrationState.Failed, _trunk.State);
        Assert.Equal(2, _client.Sent.Count);
    }

    [Fact]
    public void Stale_nonce_challenge_is_answered_again()
    {
        _trunk.Start();
        Answer(401, ("WWW-Authenticate", Challenge));
        Answer(401, ("WWW-Authenticate", Challenge.Replace("n1", "n2", StringComparison.Ordinal) + ", stale=true"));
        Assert.Equal(3, _client.Sent.Count);
        Assert.Equal(TrunkRegistrationState.Registering, _trunk.State);
    }

    [Fact]
    public void Interval_too_brief_is_retried_with_min_expires()
    {
        _trunk.Start();
        Answer(423, ("Min-Expires", "600"));
        Assert.Equal("600", _client.Sent[1].Request.GetHeader(HeaderKind.Expires));
    }

    [Fact]
    public void Failures_back_off_doubling_from_30_seconds()
    {
        _trunk.Start();
        Answer(503);
        Assert.Equal(TrunkRegistrationState.Failed, _trunk.State);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, _client.Sent.Count);
        Answer(503);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(2, _client.Sent.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, _client.Sent.Count);
    }

    [Fact]
    public void Timeout_is_a_failure()
    {
        _trunk.Start();
        ((ITransactionUser)_trunk).OnTimeout(_client.Sent[0].Transaction);
        Assert.Equal(TrunkRegistrationState.Failed, _trunk.State);
        Assert.Equal(408, _trunk.LastStatusCode);
    }

    [Fact]
    public void Stop_unregisters_with_expires_zero()
    {
        _trunk.Start();
        Answer(200);
        _trunk.Stop();
        Assert.Equal("0", _client.Sent[^1].Request.GetHeader(HeaderKind.Expires));
        Assert.Equal(TrunkRegistrationState.Unregistered, _trunk.State);
    }

    private sealed class FakeClient(TimeProvider time) : ISipClient
    {
        public List<(SipMessage Request, SipTransaction Transaction)> Sent { get; } = [];

        public SipTransaction SendRequest(SipMessage request, SipPeer target, ITransactionUser user)
        {
            var tx = new ClientNonInviteTransaction(request, target, new FakeSender(), user, time, TransactionTimers.Default);
            Sent.Add((request, tx));
            return tx;
        }
    }
}
