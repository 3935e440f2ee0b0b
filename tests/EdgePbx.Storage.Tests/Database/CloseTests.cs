using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Database;

public sealed class CloseTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    [Fact]
    public async Task A_closed_database_is_one_file_with_everything_in_it()
    {
        var path = PbxDatabase.PathIn(_dir.Path);
        using (var db = PbxDatabase.Open(_dir.Path, new FakeTimeProvider(Calls.T0)))
        {
            var writer = new CallRecordWriter(db);
            await writer.WriteManyAsync(Enumerable.Range(0, 50).Select(i => Calls.Answered($"c{i}", Calls.T0.AddSeconds(i))).ToList());
            Assert.True(File.Exists(path + "-wal"), "records are committed into the WAL while the database is open");
            using (var reader = db.OpenReader())
            {
                Assert.Equal(Migrations.Latest, Migrator.CurrentVersion(reader));
            }
        }

        // An installer (or a backup script) copying edgepbx.db of a stopped box must get every record.
        Assert.False(File.Exists(path + "-wal"), "closing checkpoints the WAL into the file and removes it");
        Assert.False(File.Exists(path + "-shm"));
        var copy = Path.Combine(_dir.Path, "copy");
        Directory.CreateDirectory(copy);
        File.Copy(path, PbxDatabase.PathIn(copy));
        using var reopened = PbxDatabase.Open(copy, new FakeTimeProvider(Calls.T0));
        Assert.Equal(50, new Storage.Reports.CallReports(reopened).Summary(Calls.T0.AddDays(-1), Calls.T0.AddDays(1)).Calls);
    }

    public void Dispose() => _dir.Dispose();
}
