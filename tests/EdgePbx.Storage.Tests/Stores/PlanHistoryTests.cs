using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Plans;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Stores;

public sealed class PlanHistoryTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(Calls.T0);
    private readonly PbxDatabase _db;

    public PlanHistoryTests() => _db = PbxDatabase.Open(_dir.Path, _time);

    [Fact]
    public async Task Applied_plan_becomes_current_but_not_known_good_until_marked()
    {
        var history = new PlanHistory(_db);
        var first = await history.RecordAppliedAsync("v1", "{\"v\":1}", "cloud");
        await history.MarkLastKnownGoodAsync(first);
        _time.Advance(TimeSpan.FromHours(1));

        var second = await history.RecordAppliedAsync("v2", "{\"v\":2}", "cloud");

        Assert.Equal(("v2", _time.GetUtcNow(), "{\"v\":2}"), (history.Current()!.Version, history.Current()!.Applied, history.Current()!.PlanJson));
        Assert.Equal(first, history.LastKnownGood()!.Id);
        Assert.True(await history.MarkLastKnownGoodAsync(second));
        Assert.Equal(second, history.LastKnownGood()!.Id);
        Assert.Single(history.Recent(10), e => e.IsLastKnownGood);
    }

    [Fact]
    public async Task Roll_back_makes_last_known_good_current_again_and_is_audited()
    {
        var history = new PlanHistory(_db);
        var good = await history.RecordAppliedAsync("v1", "{}", "cloud");
        await history.MarkLastKnownGoodAsync(good);
        await history.RecordAppliedAsync("v2-broken", "{}", "cloud");

        var restored = await history.RollBackAsync("engine", "hunt group empty");

        Assert.Equal("v1", restored!.Version);
        Assert.Equal("v1", history.Current()!.Version);
        Assert.Single(history.Recent(10), e => e.IsCurrent);
        Assert.Equal(["plan.rolled-back", "plan.applied", "plan.known-good", "plan.applied"], new AuditLog(_db).Recent(10).Select(a => a.Action));
    }

    [Fact]
    public async Task Roll_back_without_a_known_good_plan_changes_nothing()
    {
        var history = new PlanHistory(_db);
        await history.RecordAppliedAsync("v1", "{}", "web");

        Assert.Null(await history.RollBackAsync("engine", "bad"));
        Assert.Equal("v1", history.Current()!.Version);
        Assert.False(await history.MarkLastKnownGoodAsync(999));
    }

    [Fact]
    public async Task History_is_pruned_but_never_loses_current_or_known_good()
    {
        var history = new PlanHistory(_db, keep: 3);
        var good = await history.RecordAppliedAsync("v0", "{}", "cloud");
        await history.MarkLastKnownGoodAsync(good);
        for (var i = 1; i <= 6; i++)
        {
            await history.RecordAppliedAsync($"v{i}", "{}", "cloud");
        }

        var versions = history.Recent(100).Select(e => e.Version).ToArray();

        Assert.Equal(["v6", "v5", "v4", "v0"], versions);
        Assert.Equal("v0", history.LastKnownGood()!.Version);
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
