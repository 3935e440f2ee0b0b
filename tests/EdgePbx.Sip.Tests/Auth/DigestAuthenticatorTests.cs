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

    [Fact]
    public void Request_without_credentials_is_challenged_with_md5_and_sha256()
    {
        var outcome = _auth.Verify(Register(null), Phone);
        Assert.Equal(AuthOutcomeKind.Challenge, outcome.Kind);
        Assert.Contains("algorithm=MD5", outcome.Challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=SHA-256", outcome.Challenges[1], StringComparison.Ordinal);
        Assert.Contains("qop=\"auth\"", outcome.Challenges[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    public void Right_password_authenticates(DigestAlgorithm algorithm)
    {
        var outcome = _auth.Verify(Register(Authorization(FreshNonce(), "secret", algorithm)), Phone);
        Assert.Equal(AuthOutcomeKind.Authenticated, outcome.Kind);
        Assert.Equal("101", outcome.Username);
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
