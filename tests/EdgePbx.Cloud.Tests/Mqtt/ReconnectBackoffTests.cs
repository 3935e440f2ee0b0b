using EdgePbx.Cloud.Mqtt;

namespace EdgePbx.Cloud.Tests.Mqtt;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delay_doubles_from_min_and_stops_at_max()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
    }

    [Fact]
    public void Reset_after_a_good_connection_starts_again_from_min()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }
}
