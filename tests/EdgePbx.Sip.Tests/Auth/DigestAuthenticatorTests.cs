using System.Net;
using System.Text.RegularExpressions;
using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Messages;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Auth;

public sealed partial class DigestAuthenticatorTests
{
    private static readonly IPAddress Phone = IPAddress.Parse("192.0.2.10");
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryCredentialStore _store = new();
    private readonly DigestAuthenticator _auth;

    public DigestAuthenticatorTests()
    {
        _store.Set("101", "secret");
        _auth = new DigestAuthenticator(new DigestAuthenticatorOptions { MaxFailures = 3 }, _store, _time);
    }

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceRegex();

    private static SipMessage Register(string? authorization)
    {
        var b = SipMessageBuilder.Request("REGISTER", "sip:127.0.0.1")
            .Add("Via", "SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKr1")
            .Add("From", "<sip:101@edgepbx>;tag=1")
            .Add("To", "<sip:101@edgepbx>")
            .Add("Call-ID", "r1")
            .Add("CSeq", "1 REGISTER");
        if (authorization is not null)
        {
            b.Add("Authorization", authorization);
        }

        return b.Build();
    }

    private static string Authorization(string nonce, string password, DigestAlgorithm algorithm = DigestAlgorithm.Md5, string nc = "00000001")
    {
        var ha1 = DigestCalculator.Ha1(algorithm, "101", "edgepbx", password);
        var response = DigestCalculator.Response(algorithm, ha1, nonce, nc, "cn", "auth", "REGISTER", "sip:127.0.0.1");
        return $"Digest username=\"101\", realm=\"edgepbx\", nonce=\"{nonce}\", uri=\"sip:127.0.0.1\", response=\"{response}\", algorithm={DigestCalculator.Name(algorithm)}, qop=auth, nc={nc}, cnonce=\"cn\"";
    }

    private string FreshNonce() => NonceRegex().Match(_auth.Challenges(false)[0]).Groups[1].Value;

    private DigestAuthenticator With(params DigestAlgorithm[] algorithms) =>
        new(new DigestAuthenticatorOptions { MaxFailures = 3, Algorithms = algorithms }, _store, _time);

    private static string NonceOf(string challenge) => NonceRegex().Match(challenge).Groups[1].Value;

    [Fact]
    public void Request_without_credentials_is_challenged_with_md5_only_by_default()
    {
        // libre 1.1 (baresip 1.0) fails the whole 401 when any header names SHA-256, so the default offers MD5 alone.
        var outcome = _auth.Verify(Register(null), Phone);
        Assert.Equal(AuthOutcomeKind.Challenge, outcome.Kind);
        var challenge = Assert.Single(outcome.Challenges);
        Assert.Contains("algorithm=MD5", challenge, StringComparison.Ordinal);
        Assert.Contains("qop=\"auth\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_algorithms_are_challenged_one_header_each_in_preference_order_with_one_nonce()
    {
        // RFC 8760 2.3: one header per algorithm, the most preferred at the top.
        var outcome = With(DigestAlgorithm.Sha256, DigestAlgorithm.Md5).Verify(Register(null), Phone);
        Assert.Equal(2, outcome.Challenges.Count);
        Assert.Contains("algorithm=SHA-256", outcome.Challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", outcome.Challenges[1], StringComparison.Ordinal);
        Assert.Equal(NonceOf(outcome.Challenges[0]), NonceOf(outcome.Challenges[1]));
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    public void Right_password_authenticates_with_each_configured_algorithm(DigestAlgorithm algorithm)
    {
        var auth = With(DigestAlgorithm.Sha256, DigestAlgorithm.Md5);
        var nonce = NonceOf(auth.Challenges(false)[0]);
        var outcome = auth.Verify(Register(Authorization(nonce, "secret", algorithm)), Phone);
        Assert.Equal(AuthOutcomeKind.Authenticated, outcome.Kind);
        Assert.Equal("101", outcome.Username);
    }

    [Fact]
    public void Right_password_authenticates_with_the_default_md5()
    {
        var outcome = _auth.Verify(Register(Authorization(FreshNonce(), "secret")), Phone);
        Assert.Equal(AuthOutcomeKind.Authenticated, outcome.Kind);
        Assert.Equal("101", outcome.Username);
    }

    [Fact]
    public void Sha256_credentials_are_rejected_when_sha256_is_not_configured()
    {
        var outcome = _auth.Verify(Register(Authorization(FreshNonce(), "secret", DigestAlgorithm.Sha256)), Phone);
        Assert.Equal(AuthOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal("unknown user or algorithm", outcome.Reason);
    }

    [Fact]
    public void Md5_credentials_are_rejected_on_a_sha256_only_box()
    {
        var auth = With(DigestAlgorithm.Sha256);
        var nonce = NonceOf(Assert.Single(auth.Challenges(false)));
        Assert.Equal(AuthOutcomeKind.Rejected, auth.Verify(Register(Authorization(nonce, "secret")), Phone).Kind);
        Assert.Equal(AuthOutcomeKind.Authenticated, auth.Verify(Register(Authorization(nonce, "secret", DigestAlgorithm.Sha256, "00000002")), Phone).Kind);
    }

    [Fact]
    public void Wrong_password_is_rejected()
    {
        Assert.Equal(AuthOutcomeKind.Rejected, _auth.Verify(Register(Authorization(FreshNonce(), "guess")), Phone).Kind);
    }

    [Fact]
    public void Replayed_nonce_count_is_rejected()
    {
        var header = Authorization(FreshNonce(), "secret");
        Assert.True(_auth.Verify(Register(header), Phone).IsAuthenticated);
        Assert.Equal(AuthOutcomeKind.Rejected, _auth.Verify(Register(header), Phone).Kind);
    }

    [Fact]
    public void Rising_nonce_count_on_the_same_nonce_is_accepted()
    {
        var nonce = FreshNonce();
        Assert.True(_auth.Verify(Register(Authorization(nonce, "secret")), Phone).IsAuthenticated);
        Assert.True(_auth.Verify(Register(Authorization(nonce, "secret", nc: "00000002")), Phone).IsAuthenticated);
    }

    [Fact]
    public void Expired_nonce_is_challenged_again_with_stale_true()
    {
        var header = Authorization(FreshNonce(), "secret");
        _time.Advance(TimeSpan.FromMinutes(5.1));
        var outcome = _auth.Verify(Register(header), Phone);
        Assert.Equal(AuthOutcomeKind.Challenge, outcome.Kind);
        Assert.Contains("stale=true", outcome.Challenges[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Forged_nonce_is_rejected()
    {
        Assert.Equal(AuthOutcomeKind.Rejected, _auth.Verify(Register(Authorization("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "secret")), Phone).Kind);
    }

    [Fact]
    public void Source_is_blocked_after_max_failures_even_with_the_right_password_then_released()
    {
        for (var i = 0; i < 3; i++)
        {
            _auth.Verify(Register(Authorization(FreshNonce(), "guess")), Phone);
        }

        var blocked = _auth.Verify(Register(Authorization(FreshNonce(), "secret")), Phone);
        Assert.Equal(AuthOutcomeKind.Rejected, blocked.Kind);
        Assert.True(_auth.IsBlocked(Phone));
        Assert.False(_auth.IsBlocked(IPAddress.Parse("192.0.2.11")));

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.True(_auth.Verify(Register(Authorization(FreshNonce(), "secret")), Phone).IsAuthenticated);
    }
}
