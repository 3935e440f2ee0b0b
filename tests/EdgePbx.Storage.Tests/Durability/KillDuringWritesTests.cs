using System.Diagnostics;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Durability;

public sealed class KillDuringWritesTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    [Fact]
    public async Task Every_record_committed_before_a_kill_9_is_there_intact_after_reopening()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CrashWriterProgram).Assembly.Location);
        start.ArgumentList.Add(CrashWriterProgram.Verb);
        start.ArgumentList.Add(_dir.Path);
        using var child = Process.Start(start)!;
        var errors = new System.Text.StringBuilder();
        child.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        child.BeginErrorReadLine();
        using var onTimeout = timeout.Token.Register(() => { try { child.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } });
        var confirmed = new List<string>();
        while (confirmed.Count < 300)
        {
            var line = await child.StandardOutput.ReadLineAsync(CancellationToken.None);
            if (line is null)
            {
                await child.WaitForExitAsync(CancellationToken.None);
                lock (errors)
                {
                    Assert.Fail($"child stopped after {confirmed.Count} records (exit {child.ExitCode}): {errors}");
                }
            }

            confirmed.Add(line);
        }

        child.Kill(entireProcessTree: true); // SIGKILL on Linux: no finally blocks, no Dispose, no checkpoint
        await child.WaitForExitAsync(CancellationToken.None);
        // Lines the child printed after we stopped reading were committed too.
        while (await child.StandardOutput.ReadLineAsync(CancellationToken.None) is { } late)
        {
            confirmed.Add(late);
        }

        Assert.True(File.Exists(PbxDatabase.PathIn(_dir.Path) + "-wal"), "the kill should leave a WAL to recover");
        using var db = PbxDatabase.Open(_dir.Path, new FakeTimeProvider(Calls.T0));
        using (var check = db.OpenReader())
        using (var command = check.CreateCommand())
        {
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", command.ExecuteScalar());
        }

        var stored = new Dictionary<string, CallRecord>();
        CallCursor? cursor = null;
        do
        {
            var page = new CallRecordSearch(db).Search(new CallSearch { PageSize = CallSearch.MaxPageSize, After = cursor });
            foreach (var item in page.Items)
            {
                stored.Add(item.Record.CallId, item.Record);
            }

            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.InRange(stored.Count, confirmed.Count, confirmed.Count + 1); // at most one commit the child had no time to print
        for (var i = 0; i < confirmed.Count; i++)
        {
            Assert.Equal($"crash-{i}", confirmed[i]);
            RecordAssert.Same(CrashWriterProgram.CrashRecord(i), stored[confirmed[i]]);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
