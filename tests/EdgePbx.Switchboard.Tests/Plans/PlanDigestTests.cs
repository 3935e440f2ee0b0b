using System.Security.Cryptography;
using System.Text;
using EdgePbx.Switchboard.Plans;

namespace EdgePbx.Switchboard.Tests.Plans;

public sealed class PlanDigestTests
{
    // FIPS 180-2 appendix B (and NIST's SHA-256 examples): one-block, two-block and empty messages.
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256_matches_the_FIPS_examples(string message, string expected) =>
        Assert.Equal(expected, PlanDigest.Sha256Hex(Encoding.ASCII.GetBytes(message)));

    [Fact]
    public void Sha256_of_a_million_a_matches_the_FIPS_example() =>
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", PlanDigest.Sha256Hex(new byte[1_000_000].Select(_ => (byte)'a').ToArray()));

    [Fact]
    public void Sha256_agrees_with_the_platform_for_every_length_around_the_block_and_padding_edges()
    {
        var random = new Random(20261201);
        for (int length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), PlanDigest.Sha256Hex(data));
        }
    }
}
