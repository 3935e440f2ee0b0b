using System.Formats.Tar;

namespace EdgePbx.Storage.Backup;

/// <summary>
/// Unpacks an uploaded backup archive into an empty staging folder, checking each entry's header before any of
/// its bytes are written: regular files only (a link or device is refused), names only as <see cref="ArchiveNames"/>
/// allows, each file and their sum within bounds, no name twice, exactly one database.
/// </summary>
internal static class ArchiveExtraction
{
    internal readonly record struct Counts(int Prompts, int Greetings, int Messages);

    public static async Task<(Counts Counts, string? Refusal)> ExtractAsync(string archive, string staging, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(staging);
        var root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        int prompts = 0, greetings = 0, messages = 0;
        try
        {
            await using var input = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            await using var reader = new TarReader(input);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (seen.Count >= BoxArchive.MaxEntries)
                {
                    return (default, $"it holds more than {BoxArchive.MaxEntries} files");
                }

                if (entry.EntryType == TarEntryType.Directory)
                {
                    continue;
                }

                if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
                {
                    return (default, $"{entry.Name}: links are not allowed in a backup");
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    return (default, $"{entry.Name}: a {entry.EntryType} entry is not allowed in a backup (files only)");
                }

                if (ArchiveNames.Classify(entry.Name, out var why) is not { } kind)
                {
                    return (default, $"{entry.Name}: {why}");
                }

                if (!seen.Add(entry.Name))
                {
                    return (default, $"{entry.Name} is in it twice");
                }

                var limit = kind == ArchiveFileKind.Database ? maxBytes : BoxArchive.MaxAudioFileBytes;
                if (entry.Length > limit)
                {
                    return (default, $"{entry.Name} is {entry.Length} bytes, more than the {limit} allowed");
                }

                total += entry.Length;
                if (total > maxBytes)
                {
                    return (default, $"its files add up to more than the {maxBytes} bytes a backup may hold");
                }

                var target = Path.GetFullPath(Path.Combine(root, entry.Name.Replace('/', Path.DirectorySeparatorChar)));
                if (!target.StartsWith(root, StringComparison.Ordinal))
                {
                    return (default, $"{entry.Name}: a path that leaves its folder");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (new FileInfo(target).Length != entry.Length)
                {
                    return (default, $"{entry.Name} is cut short");
                }

                prompts += kind == ArchiveFileKind.Prompt ? 1 : 0;
                greetings += kind == ArchiveFileKind.Greeting ? 1 : 0;
                messages += kind == ArchiveFileKind.Message ? 1 : 0;
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
        {
            return (default, "not an EdgePbx backup (neither a database nor a backup archive): " + e.Message);
        }

        return seen.Contains(ArchiveNames.Database)
            ? (new Counts(prompts, greetings, messages), null)
            : (default, $"there is no {ArchiveNames.Database} in it: not an EdgePbx backup");
    }
}
