using EdgePbx.Sip.Auth;

namespace EdgePbx.Sip.Tests.Auth;

public sealed class DigestCalculatorTests
{
    [Fact]
    public void Rfc2617_section_3_5_example_response_is_reproduced()
    {
        var ha1 = DigestCalculator.Ha1(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        var response = DigestCalculator.Response(DigestAlgorithm.Md5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", "GET", "/dir/index.html");
        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616_section_3_9_1_example_response_is_reproduced(DigestAlgorithm algorithm, string expected)
    {
        var ha1 = DigestCalculator.Ha1(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life");
        var response = DigestCalculator.Response(algorithm, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html");
        Assert.Equal(expected, response);
    }

    [Fact]
    public void Credentials_header_parses_quoted_and_token_values()
    {
        var c = DigestCredentials.TryParse(
            "Digest username=\"101\", realm=\"edgepbx\", nonce=\"abc\", uri=\"sip:127.0.0.1\", response=\"0123\", algorithm=SHA-256, cnonce=\"x\", qop=auth, nc=00000001",
            out var error);
        Assert.Null(error);
        Assert.Equal(("101", DigestAlgorithm.Sha256, "00000001", "auth"), (c!.Username, c.Algorithm, c.NonceCount, c.Qop));
    }

    [Fact]
    public void Credentials_with_unknown_scheme_are_an_error_value()
    {
        Assert.Null(DigestCredentials.TryParse("NoOneKnowsThisScheme opaque-data=here", out var error));
        Assert.Contains("unsupported authentication scheme", error, StringComparison.Ordinal);
    }
}
