using EdgePbx.Daemon.Plans;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Plans;

namespace EdgePbx.Daemon.Tests.Plans;

/// <summary><c>edgepbx plan rollback</c> on a real box database in a temporary data folder.</summary>
public sealed class PlanRollbackTests : IDisposable
{
    private static readonly string Plan = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "demo-plan.json"));
    private readonly string _data = Directory.CreateTempSubdirectory("edgepbx-rollback-").FullName;

    [Fact]
    public async Task Folder_without_a_box_database_is_refused_and_left_alone()
    {
        var result = await PlanRollback.RunAsync(_data, TimeProvider.System, CancellationToken.None);

        Assert.Contains("no box database", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_data));
    }

    [Fact]
    public async Task History_without_last_known_good_is_refused_and_the_current_plan_stays()
    {
        await SeedAsync(("5", Plan));

        var result = await PlanRollback.RunAsync(_data, TimeProvider.System, CancellationToken.None);

        Assert.Contains("no last-known-good", result.Error, StringComparison.Ordinal);
        Assert.Equal("5", Current());
    }

    [Fact]
    public async Task Last_known_good_becomes_current_and_a_second_rollback_changes_nothing()
    {
        await SeedAsync(("5", Plan), ("6", Plan));

        var first = await PlanRollback.RunAsync(_data, TimeProvider.System, CancellationToken.None);
        var second = await PlanRollback.RunAsync(_data, TimeProvider.System, CancellationToken.None);

        Assert.Null(first.Error);
        Assert.Contains("rolled back from version 6 to version 5", first.Message, StringComparison.Ordinal);
        Assert.Equal("5", Current());
        Assert.Null(second.Error);
        Assert.Contains("already the current plan", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_known_good_that_no_longer_validates_is_refused_and_nothing_changes()
    {
        await SeedAsync(("5", """{ "version": 1 }"""), ("6", Plan));

        var result = await PlanRollback.RunAsync(_data, TimeProvider.System, CancellationToken.None);

        Assert.Contains("does not validate", result.Error, StringComparison.Ordinal);
        Assert.Equal("6", Current());
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    /// <summary>Applies the plans in order; each one before the last becomes last-known-good, as the cloud store does.</summary>
    private async Task SeedAsync(params (string Version, string Json)[] plans)
    {
        using var database = PbxDatabase.Open(_data, TimeProvider.System);
        var history = new PlanHistory(database);
        long? previous = null;
        foreach (var (version, json) in plans)
        {
            var id = await history.RecordAppliedAsync(version, json, "test");
            if (previous is { } good)
            {
                await history.MarkLastKnownGoodAsync(good);
            }

            previous = id;
        }
    }

    private string? Current()
    {
        using var database = PbxDatabase.Open(_data, TimeProvider.System);
        return new PlanHistory(database).Current()?.Version;
    }
}
