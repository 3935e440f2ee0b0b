using EdgePbx.Switchboard.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Switchboard.Tests.Engine;

public sealed class EngineLoopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Work_posted_with_one_key_runs_in_order_and_never_overlaps()
    {
        await using var loop = new EngineLoop(4, NullLogger<EngineLoop>.Instance);
        loop.Start();
        var seen = new List<int>();
        int running = 0;
        int overlaps = 0;
        var done = new TaskCompletionSource();
        for (int i = 0; i < 500; i++)
        {
            int n = i;
            loop.Post("call-1@box", () =>
            {
                if (Interlocked.Increment(ref running) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }
                seen.Add(n);
                Interlocked.Decrement(ref running);
                if (n == 499)
                {
                    done.SetResult();
                }
            });
        }
        await done.Task.WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, 500), seen);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task Probe_is_answered_by_an_idle_loop()
    {
        await using var loop = new EngineLoop(3, NullLogger<EngineLoop>.Instance);
        loop.Start();
        long probe = loop.Probe();
        await WaitUntil(() => loop.HasAnswered(probe));
        Assert.True(loop.HasAnswered(probe));
    }

    [Fact]
    public async Task Probe_stays_unanswered_while_a_worker_is_stuck_and_is_answered_once_it_frees()
    {
        await using var loop = new EngineLoop(2, NullLogger<EngineLoop>.Instance);
        loop.Start();
        using var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource();
        loop.Post("stuck-call", () =>
        {
            entered.SetResult();
            gate.Wait();
        });
        await entered.Task.WaitAsync(Patience);

        long probe = loop.Probe();
        // The other worker answers; the stuck one cannot, so the loop as a whole is not alive.
        await WaitUntil(() => loop.AnsweredBy(probe) == 1);
        Assert.False(loop.HasAnswered(probe));

        gate.Set();
        await WaitUntil(() => loop.HasAnswered(probe));
        Assert.True(loop.HasAnswered(probe));
    }

    [Fact]
    public async Task A_failing_work_item_does_not_stop_its_worker()
    {
        await using var loop = new EngineLoop(1, NullLogger<EngineLoop>.Instance);
        loop.Start();
        var after = new TaskCompletionSource();
        loop.Post("k", () => throw new InvalidOperationException("handler bug"));
        loop.Post("k", after.SetResult);
        await after.Task.WaitAsync(Patience);
        Assert.True(after.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Post_is_refused_after_dispose()
    {
        var loop = new EngineLoop(1, NullLogger<EngineLoop>.Instance);
        loop.Start();
        await loop.DisposeAsync();
        Assert.False(loop.Post("k", () => { }));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in time");
            }
            await Task.Yield();
            await Task.Delay(5);
        }
    }
}
