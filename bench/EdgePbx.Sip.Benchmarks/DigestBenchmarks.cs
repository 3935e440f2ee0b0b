using System.Net;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Benchmarks;

/// <summary>
/// A registrar's whole digest check of one REGISTER (nonce MAC and age, password lookup, HA1, response,
/// constant-time compare), MD5 and SHA-256. The credentials carry no qop so the same request can be
/// verified again and again (with qop the nonce-count rule refuses a replay, as it should).
/// </summary>
[MemoryDiagnoser]
public partial class DigestBenchmarks
{
    private DigestAuthenticator _auth = null!;
    private SipMessage _register = null!;

    [Params(DigestAlgorithm.Md5, DigestAlgorithm.Sha256)]
    public DigestAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryCredentialStore();
        store.Set("101", "secret-101");
        _auth = new DigestAuthenticator(new DigestAuthenticatorOptions { Algorithms = [Algorithm] }, store, TimeProvider.System);
        var nonce = NonceRegex().Match(_auth.Challenges(stale: false)[0]).Groups[1].Value;
        var ha1 = DigestCalculator.Ha1(Algorithm, "101", "edgepbx", "secret-101");
        var response = DigestCalculator.Response(Algorithm, ha1, nonce, null, null, null, "REGISTER", "sip:edgepbx");
        _register = SipMessageBuilder.Request("REGISTER", "sip:edgepbx")
            .Add("Via", "SIP/2.0/UDP 192.0.2.50:5060;branch=z9hG4bKnashds7;rport")
            .Add("From", "<sip:101@edgepbx>;tag=456248")
            .Add("To", "<sip:101@edgepbx>")
            .Add("Call-ID", "843817637684230@998sdasdh09")
            .Add("CSeq", "2 REGISTER")
            .Add("Authorization", $"Digest username=\"101\", realm=\"edgepbx\", nonce=\"{nonce}\", uri=\"sip:edgepbx\", response=\"{response}\", algorithm={DigestCalculator.Name(Algorithm)}")
            .Build();
        if (!_auth.Verify(_register, IPAddress.Loopback).IsAuthenticated)
        {
            throw new InvalidOperationException("the benchmark's credentials do not verify");
        }
    }

    [Benchmark]
    public bool VerifyRegister() => _auth.Verify(_register, IPAddress.Loopback).IsAuthenticated;

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceRegex();
}
