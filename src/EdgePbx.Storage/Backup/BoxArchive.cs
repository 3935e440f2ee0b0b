using System.Formats.Tar;
using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.Backup;

/// <summary>
/// The whole box in one tar file: the database (SQLite online backup, see <see cref="BoxBackup"/>) and the audio
/// in the data folder: prompts/*.wav, voicemail greetings (voicemail/greetings/BOX/busy|unavailable.wav) and the
/// voicemail messages (voicemail/BOX/*.wav). Messages are included because the database in the backup holds
/// their index: a restore without them would list messages that cannot be played. The archive is bounded
/// (<see cref="MaxBytes"/>); a box whose backup would be larger is told to delete old messages first.
/// <para>
/// A restore reads the archive as hostile: every entry is checked before its bytes are used (regular files only,
/// no links or devices, names only of the kinds above, never leaving their folder, each file and the sum within
/// bounds), extracted into a staging folder inside the data folder, the database in it verified; only then are
/// the audio folders swapped and the database replaced. Any refusal leaves the box as it was. A bare database file
/// (a backup made before audio was included) is still accepted; the audio on the box is then kept.
/// </para>
/// </summary>
public static class BoxArchive
{
    /// <summary>The largest backup made or restored: a box with a few years of records and voicemail stays below it.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    /// <summary>The largest single audio file (prompts are at most 4 MiB, a 2-minute message about 2 MiB).</summary>
    public const long MaxAudioFileBytes = 64L * 1024 * 1024;

    public const int MaxEntries = 20_000;

    private static readonly string[] AudioFolders = ["prompts", "voicemail"];

    /// <summary>For the web page: the archive of the daemon's open database and its data folder's audio.</summary>
    public static Task<ArchiveResult> CreateAsync(PbxDatabase database, string dataDir, string archive, long maxBytes = MaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return CreateAsync(dataDir, archive, maxBytes, copy => BoxBackup.BackupAsync(database, copy, cancellationToken: cancellationToken), cancellationToken);
    }

    /// <summary>
    /// For <c>edgepbx backup FILE</c>: the archive of the data folder <paramref name="dataDir"/>, read from its own
    /// read-only snapshot, so it is safe while the daemon runs on that folder.
    /// </summary>
    public static Task<ArchiveResult> CreateAsync(string dataDir, string archive, long maxBytes = MaxBytes, CancellationToken cancellationToken = default) =>
        CreateAsync(dataDir, archive, maxBytes, copy => BoxBackup.BackupAsync(dataDir, copy, cancellationToken: cancellationToken), cancellationToken);

    private static async Task<ArchiveResult> CreateAsync(
        string dataDir, string archive, long maxBytes, Func<string, Task<BackupResult>> backupDatabase, CancellationToken cancellationToken)
    {
        var databaseCopy = archive + ".db-partial";
        var partial = archive + ".partial";
        try
        {
            var backup = await backupDatabase(databaseCopy).ConfigureAwait(false);
            if (!backup.Succeeded)
            {
                return ArchiveResult.Refused(backup.Error!);
            }

            var audio = AudioFiles(dataDir);
            var total = backup.Bytes + audio.Sum(a => a.Length);
            if (total > maxBytes)
            {
                return ArchiveResult.Refused($"the backup would hold {total} bytes, more than the {maxBytes} a restore accepts: delete old voicemail messages or call records first");
            }

            await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
                await WriteAsync(writer, ArchiveNames.Database, databaseCopy, cancellationToken).ConfigureAwait(false);
                foreach (var file in audio)
                {
                    await WriteAsync(writer, file.Name, file.Path, cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(partial, archive, overwrite: true);
            return new ArchiveResult(new FileInfo(archive).Length, backup.SchemaVersion,
                audio.Count(a => a.Kind == ArchiveFileKind.Prompt), audio.Count(a => a.Kind == ArchiveFileKind.Greeting), audio.Count(a => a.Kind == ArchiveFileKind.Message), null);
        }
        catch (IOException e)
        {
            return ArchiveResult.Refused("the backup could not be written: " + e.Message);
        }
        finally
        {
            File.Delete(databaseCopy);
            File.Delete(partial);
        }
    }

    /// <summary>Replaces the box's database and audio with the archive's, or refuses with the reason and changes nothing.</summary>
    public static async Task<ArchiveResult> RestoreAsync(string dataDir, string file, TimeProvider time, long maxBytes = MaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            return ArchiveResult.Refused($"no such file {file}");
        }

        if (info.Length > maxBytes)
        {
            return ArchiveResult.Refused($"the file is {info.Length} bytes, more than the {maxBytes} a backup may be");
        }

        if (IsDatabase(file))
        {
            var plain = await BoxBackup.RestoreAsync(dataDir, file, time, cancellationToken: cancellationToken).ConfigureAwait(false);
            return plain.Succeeded ? new ArchiveResult(plain.Bytes, plain.SchemaVersion, 0, 0, 0, null) : ArchiveResult.Refused(plain.Error!);
        }

        var root = Path.GetFullPath(dataDir);
        var staging = Path.Combine(root, $"restore-{Guid.NewGuid():N}");
        try
        {
            var (counts, refusal) = await ArchiveExtraction.ExtractAsync(file, staging, maxBytes, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return ArchiveResult.Refused(refusal);
            }

            var stagedDatabase = Path.Combine(staging, ArchiveNames.Database);
            if (BoxBackup.Check(stagedDatabase, out _) is { } bad)
            {
                return ArchiveResult.Refused($"{ArchiveNames.Database} in it is {bad}");
            }

            var old = Path.Combine(staging, ".replaced");
            Directory.CreateDirectory(old);
            Swap(root, staging, old);
            var restored = await BoxBackup.RestoreAsync(root, stagedDatabase, time, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!restored.Succeeded)
            {
                Unswap(root, old);
                return ArchiveResult.Refused(restored.Error!);
            }

            return new ArchiveResult(restored.Bytes, restored.SchemaVersion, counts.Prompts, counts.Greetings, counts.Messages, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ArchiveResult.Refused("the box could not unpack the backup: " + e.Message);
        }
        finally
        {
            try
            {
                Directory.Delete(staging, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Nothing was staged.
            }
        }
    }

    /// <summary>Moves the box's audio folders into <paramref name="old"/> and the staged ones into place; undone if a move fails.</summary>
    private static void Swap(string root, string staging, string old)
    {
        try
        {
            foreach (var folder in AudioFolders)
            {
                if (Directory.Exists(Path.Combine(root, folder)))
                {
                    Directory.Move(Path.Combine(root, folder), Path.Combine(old, folder));
                }

                if (Directory.Exists(Path.Combine(staging, folder)))
                {
                    Directory.Move(Path.Combine(staging, folder), Path.Combine(root, folder));
                }
            }
        }
        catch (IOException)
        {
            Unswap(root, old);
            throw;
        }
    }

    private static void Unswap(string root, string old)
    {
        foreach (var folder in AudioFolders)
        {
            if (Directory.Exists(Path.Combine(old, folder)))
            {
                if (Directory.Exists(Path.Combine(root, folder)))
                {
                    Directory.Delete(Path.Combine(root, folder), recursive: true);
                }

                Directory.Move(Path.Combine(old, folder), Path.Combine(root, folder));
            }
        }
    }

    private sealed record AudioFile(string Name, string Path, ArchiveFileKind Kind, long Length);

    /// <summary>The audio a restore would accept, by the same names; links and oversized files are left out.</summary>
    private static List<AudioFile> AudioFiles(string dataDir)
    {
        var root = Path.GetFullPath(dataDir);
        var files = new List<AudioFile>();
        foreach (var folder in AudioFolders)
        {
            var top = Path.Combine(root, folder);
            if (!Directory.Exists(top))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(top, "*.wav", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, MaxRecursionDepth = 3 }))
            {
                var name = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                var info = new FileInfo(path);
                if (info.LinkTarget is null && info.Length <= MaxAudioFileBytes && ArchiveNames.Classify(name, out _) is { } kind and not ArchiveFileKind.Database)
                {
                    files.Add(new AudioFile(name, path, kind, info.Length));
                }
            }
        }

        return files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    private static async Task WriteAsync(TarWriter writer, string name, string path, CancellationToken cancellationToken)
    {
        await using var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = data,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
            ModificationTime = File.GetLastWriteTimeUtc(path),
        };
        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsDatabase(string file)
    {
        Span<byte> header = stackalloc byte[16];
        using var stream = File.OpenRead(file);
        return stream.ReadAtLeast(header, 16, throwOnEndOfStream: false) == 16 && header.SequenceEqual("SQLite format 3\0"u8);
    }
}
