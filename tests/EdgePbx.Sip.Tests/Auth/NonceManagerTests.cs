using EdgePbx.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Auth;

public sealed class NonceManagerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Each_fresh_nonce_of_a_registration_storm_is_valid_once_and_its_replay_is_refused()
    {
        var nonces = new NonceManager(_time, TimeSpan.FromMinutes(5));
        for (var i = 0; i < 5_000; i++)
        {
            var nonce = nonces.Issue();
            Assert.Equal(NonceStatus.Valid, nonces.Check(nonce, "00000001"));
            Assert.Equal(NonceStatus.Invalid, nonces.Check(nonce, "00000001"));
        }

        Assert.Equal(5_000, nonces.TrackedCount);
    }

    [Fact]
    public void Expired_nonce_counts_are_swept_once_the_lifetime_has_passed()
    {
        var nonces = new NonceManager(_time, TimeSpan.FromMinutes(5));
        for (var i = 0; i < 2_000; i++)
        {
            Assert.Equal(NonceStatus.Valid, nonces.Check(nonces.Issue(), "00000001"));
        }

        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(NonceStatus.Valid, nonces.Check(nonces.Issue(), "00000001"));

        Assert.Equal(1, nonces.TrackedCount);
    }
}
