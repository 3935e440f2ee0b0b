using EdgePbx.Switchboard.Limits;

namespace EdgePbx.Switchboard.Tests.Limits;

public sealed class ConcurrencyTrackerTests
{
    [Fact]
    public void Refuses_a_lease_at_the_limit_and_grants_it_again_after_a_release()
    {
        var tracker = new ConcurrencyTracker();
        using var first = tracker.TryAcquire("4008001234", 2);
        var second = tracker.TryAcquire("4008001234", 2);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(tracker.TryAcquire("4008001234", 2));
        Assert.Equal(2, tracker.Active("4008001234"));

        second!.Dispose();
        Assert.Equal(1, tracker.Active("4008001234"));
        Assert.NotNull(tracker.TryAcquire("4008001234", 2));
    }

    [Fact]
    public void Disposing_a_lease_twice_releases_once()
    {
        var tracker = new ConcurrencyTracker();
        var a = tracker.Acquire("n");
        using var b = tracker.Acquire("n");
        a.Dispose();
        a.Dispose();
        Assert.Equal(1, tracker.Active("n"));
    }

    [Fact]
    public void Keys_are_counted_apart()
    {
        var tracker = new ConcurrencyTracker();
        using var a = tracker.Acquire("x");
        Assert.Equal(0, tracker.Active("y"));
        Assert.NotNull(tracker.TryAcquire("y", 1));
    }

    [Fact]
    public async Task Parallel_acquire_and_release_never_exceed_the_limit_nor_leak()
    {
        var tracker = new ConcurrencyTracker();
        int maxSeen = 0;
        await Parallel.ForAsync(0, 10_000, async (i, _) =>
        {
            using var lease = tracker.TryAcquire("k", 5);
            if (lease is not null)
            {
                int now = tracker.Active("k");
                InterlockedMax(ref maxSeen, now);
            }
            await Task.Yield();
        });
        Assert.InRange(maxSeen, 1, 5);
        Assert.Equal(0, tracker.Active("k"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
