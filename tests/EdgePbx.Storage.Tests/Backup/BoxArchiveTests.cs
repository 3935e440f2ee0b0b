using System.Formats.Tar;
using System.Text;
using EdgePbx.Storage.Backup;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Backup;

/// <summary>
/// The whole-box archive: database plus prompts, greetings and voicemail messages, restored together; and hostile
/// archives (paths that leave the folder, links, devices, other files, oversize, no database) refused with the
/// reason and the box left exactly as it was.
/// </summary>
public sealed class BoxArchiveTests : IDisposable
{
    private readonly TempDataDir _box = new();
    private readonly TempDataDir _elsewhere = new();
    private readonly FakeTimeProvider _time = new(Calls.T0);

    [Fact]
    public async Task The_archive_holds_the_database_and_the_audio_and_a_restore_puts_all_of_it_back()
    {
        Write("prompts/welcome.wav", "welcome");
        Write("voicemail/greetings/101/busy.wav", "busy greeting");
        Write("voicemail/101/20261125T020000000-a1b2c3.wav", "a message");
        Write("voicemail/greetings/101/busy.wav.recording", "half a greeting being recorded");
        Write("prompts/notes.txt", "not audio");
        File.CreateSymbolicLink(Path.Combine(_box.Path, "prompts", "linked.wav"), "/etc/hostname");
        var archive = _elsewhere.File("box.tar");
        using (var db = PbxDatabase.Open(_box.Path, _time))
        {
            await new CallRecordWriter(db).WriteAsync(Calls.Answered("in-the-backup", Calls.T0));
            var made = await BoxArchive.CreateAsync(db, _box.Path, archive);
            Assert.True(made.Succeeded, made.Error);
            Assert.Equal((1, 1, 1), (made.Prompts, made.Greetings, made.Messages));
        }

        Assert.Equal(["edgepbx.db", "prompts/welcome.wav", "voicemail/101/20261125T020000000-a1b2c3.wav", "voicemail/greetings/101/busy.wav"], Entries(archive));

        // After the backup the box changes: a prompt replaced, one added, the message deleted, a call recorded.
        Write("prompts/welcome.wav", "a newer welcome");
        Write("prompts/extra.wav", "added later");
        File.Delete(Path.Combine(_box.Path, "voicemail", "101", "20261125T020000000-a1b2c3.wav"));
        using (var db = PbxDatabase.Open(_box.Path, _time))
        {
            await new CallRecordWriter(db).WriteAsync(Calls.Answered("after-the-backup", Calls.T0));
        }

        var restored = await BoxArchive.RestoreAsync(_box.Path, archive, _time);

        Assert.True(restored.Succeeded, restored.Error);
        Assert.Equal("welcome", Read("prompts/welcome.wav"));
        Assert.False(File.Exists(Path.Combine(_box.Path, "prompts", "extra.wav")));
        Assert.Equal("a message", Read("voicemail/101/20261125T020000000-a1b2c3.wav"));
        Assert.Equal("busy greeting", Read("voicemail/greetings/101/busy.wav"));
        Assert.Empty(Directory.GetDirectories(_box.Path, "restore-*"));
        using var after = PbxDatabase.Open(_box.Path, _time);
        Assert.Equal(["in-the-backup"], new CallRecordSearch(after).Search(new CallSearch()).Items.Select(c => c.Record.CallId));
    }

    [Fact]
    public async Task The_archive_of_a_data_folder_whose_database_another_process_holds_open_has_its_committed_records_and_audio()
    {
        Write("prompts/welcome.wav", "welcome");
        Write("voicemail/101/20261125T020000000-a1b2c3.wav", "a message");
        var archive = _elsewhere.File("box.tar");
        using (var running = PbxDatabase.Open(_box.Path, _time))
        {
            // The daemon holds the database open and its latest records are still in the WAL (edgepbx backup FILE).
            await new CallRecordWriter(running).WriteAsync(Calls.Answered("committed-while-running", Calls.T0));
            var made = await BoxArchive.CreateAsync(_box.Path, archive);
            Assert.True(made.Succeeded, made.Error);
            Assert.Equal((1, 0, 1), (made.Prompts, made.Greetings, made.Messages));
        }

        Assert.Equal(["edgepbx.db", "prompts/welcome.wav", "voicemail/101/20261125T020000000-a1b2c3.wav"], Entries(archive));
        using var other = new TempDataDir();
        var restored = await BoxArchive.RestoreAsync(other.Path, archive, _time);
        Assert.True(restored.Succeeded, restored.Error);
        Assert.Equal("a message", File.ReadAllText(Path.Combine(other.Path, "voicemail", "101", "20261125T020000000-a1b2c3.wav")));
        using var after = PbxDatabase.Open(other.Path, _time);
        Assert.Equal(["committed-while-running"], new CallRecordSearch(after).Search(new CallSearch()).Items.Select(c => c.Record.CallId));
    }

    [Fact]
    public async Task A_data_folder_without_a_database_gives_no_archive()
    {
        var archive = _elsewhere.File("box.tar");
        var made = await BoxArchive.CreateAsync(_box.Path, archive);
        Assert.False(made.Succeeded);
        Assert.Contains("no database", made.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(archive));
    }

    [Fact]
    public async Task A_backup_of_the_database_alone_still_restores_and_keeps_the_audio_on_the_box()
    {
        var file = _elsewhere.File("older.db");
        using (var source = PbxDatabase.Open(_elsewhere.File("source"), _time))
        {
            await new CallRecordWriter(source).WriteAsync(Calls.Answered("from-the-old-backup", Calls.T0));
            Assert.True((await BoxBackup.BackupAsync(source, file)).Succeeded);
        }

        Write("prompts/welcome.wav", "the box's welcome");
        PbxDatabase.Open(_box.Path, _time).Dispose();

        var restored = await BoxArchive.RestoreAsync(_box.Path, file, _time);

        Assert.True(restored.Succeeded, restored.Error);
        Assert.Equal("the box's welcome", Read("prompts/welcome.wav"));
        using var after = PbxDatabase.Open(_box.Path, _time);
        Assert.Equal(["from-the-old-backup"], new CallRecordSearch(after).Search(new CallSearch()).Items.Select(c => c.Record.CallId));
    }

    [Fact]
    public async Task A_backup_larger_than_the_bound_is_refused_and_leaves_no_file()
    {
        Write("voicemail/101/long.wav", new string('x', 200_000));
        var archive = _elsewhere.File("box.tar");
        using var db = PbxDatabase.Open(_box.Path, _time);

        var made = await BoxArchive.CreateAsync(db, _box.Path, archive, maxBytes: 150_000);

        Assert.False(made.Succeeded);
        Assert.Contains("more than the 150000 a restore accepts: delete old voicemail messages", made.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_elsewhere.Path));
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "traversal", "../evil.wav: a path that leaves its folder" },
        { "traversal-inside", "prompts/../../evil.wav: a path that leaves its folder" },
        { "absolute", "/etc/evil.wav: not a relative path" },
        { "symlink", "prompts/link.wav: links are not allowed in a backup" },
        { "hardlink", "prompts/hard.wav: links are not allowed in a backup" },
        { "device", "prompts/dev.wav: a CharacterDevice entry is not allowed in a backup (files only)" },
        { "script", "prompts/run.sh: not one of the box's audio files" },
        { "elsewhere", "etc/x.wav: not one of the box's audio files" },
        { "oversize", "prompts/huge.wav is 80000000 bytes, more than the 67108864 allowed" },
        { "twice", "prompts/welcome.wav is in it twice" },
        { "no-database", "there is no edgepbx.db in it: not an EdgePbx backup" },
        { "junk", "not an EdgePbx backup" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_archive_is_refused_with_the_reason_and_changes_nothing(string kind, string reason)
    {
        Write("prompts/welcome.wav", "the box's own welcome");
        Write("voicemail/101/m.wav", "the box's own message");
        using (var db = PbxDatabase.Open(_box.Path, _time))
        {
            await new CallRecordWriter(db).WriteAsync(Calls.Answered("on-the-box", Calls.T0));
        }

        var archive = await HostileAsync(kind);
        var before = Snapshot();

        var result = await BoxArchive.RestoreAsync(_box.Path, archive, _time);

        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
        Assert.Empty(Directory.GetDirectories(_box.Path, "restore-*"));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_box.Path)!, "evil.wav")));
        using var db2 = PbxDatabase.Open(_box.Path, _time);
        Assert.Equal(["on-the-box"], new CallRecordSearch(db2).Search(new CallSearch()).Items.Select(c => c.Record.CallId));
    }

    private async Task<string> HostileAsync(string kind)
    {
        var file = _elsewhere.File(kind + ".tar");
        if (kind == "junk")
        {
            await File.WriteAllTextAsync(file, new string('x', 5000));
            return file;
        }

        // A sound database from another box goes first, so only the hostile entry can be the reason.
        var database = _elsewhere.File("other.db");
        using (var other = PbxDatabase.Open(_elsewhere.File("other"), _time))
        {
            await new CallRecordWriter(other).WriteAsync(Calls.Answered("from-the-archive", Calls.T0));
            Assert.True((await BoxBackup.BackupAsync(other, database)).Succeeded);
        }

        await using var output = File.Create(file);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        if (kind != "no-database")
        {
            await writer.WriteEntryAsync(database, "edgepbx.db");
        }

        async Task Data(string name, int length = 16)
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(new byte[length]) });
        }

        switch (kind)
        {
            case "traversal": await Data("../evil.wav"); break;
            case "traversal-inside": await Data("prompts/../../evil.wav"); break;
            case "absolute": await Data("/etc/evil.wav"); break;
            case "symlink": await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "prompts/link.wav") { LinkName = "/etc/passwd" }); break;
            case "hardlink": await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.HardLink, "prompts/hard.wav") { LinkName = "edgepbx.db" }); break;
            case "device": await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.CharacterDevice, "prompts/dev.wav") { DeviceMajor = 1, DeviceMinor = 3 }); break;
            case "script": await Data("prompts/run.sh"); break;
            case "elsewhere": await Data("etc/x.wav"); break;
            case "oversize": await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "prompts/huge.wav") { DataStream = new ZeroStream(80_000_000) }); break;
            case "twice": await Data("prompts/welcome.wav"); await Data("prompts/welcome.wav"); break;
            case "no-database": await Data("prompts/welcome.wav"); break;
        }

        return file;
    }

    /// <summary>Every file under the box's data folder but the database's own, with its content.</summary>
    private SortedDictionary<string, string> Snapshot()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(_box.Path, "*", SearchOption.AllDirectories).Where(p => !Path.GetFileName(p).StartsWith("edgepbx.db", StringComparison.Ordinal)))
        {
            files[Path.GetRelativePath(_box.Path, path)] = File.ReadAllText(path);
        }

        return files;
    }

    private void Write(string name, string text)
    {
        var path = Path.Combine(_box.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Encoding.ASCII);
    }

    private string Read(string name) => File.ReadAllText(Path.Combine(_box.Path, name));

    private static List<string> Entries(string archive)
    {
        using var stream = File.OpenRead(archive);
        using var reader = new TarReader(stream);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            Assert.Equal(TarEntryType.RegularFile, entry.EntryType);
            names.Add(entry.Name);
        }

        return names;
    }

    public void Dispose()
    {
        _box.Dispose();
        _elsewhere.Dispose();
    }

    /// <summary>A long run of zeros without the memory: what an oversized entry claims to hold.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
