using System.Globalization;
using EdgePbx.Routing.Model;
using EdgePbx.Storage.Audit;
using EdgePbx.Web.Files;

namespace EdgePbx.Web.Prompts;

/// <summary>
/// The prompt files in the data folder's prompts/ (welcome audio, ringback audio, IVR menu prompts): which ones
/// the plan plays, whether each can be played, and replacing one from an upload. An upload is checked whole
/// before anything is written, then written under a temporary name and renamed over the old file: a refused or
/// cut-short upload leaves the old prompt as it was.
/// </summary>
public sealed class PromptFiles(DataFolder folder, AuditLog audit, IEnumerable<IPromptChangeListener> listeners)
{
    /// <summary>4 MiB: over four minutes of 8 kHz 16-bit audio, longer than any menu should talk.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private const string Prefix = "prompts/";

    /// <summary>Null when <paramref name="name"/> is a file this page may write: prompts/NAME.wav, NAME of letters, digits, '-', '_', '.'.</summary>
    public static string? NameProblem(string? name)
    {
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(".wav", StringComparison.Ordinal))
        {
            return "a prompt is a file prompts/NAME.wav";
        }

        var file = name[Prefix.Length..^4];
        return file.Length is >= 1 and <= 64 && file[0] != '.' && file.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null
            : "use 1 to 64 letters, digits, '-', '_' or '.' for the name, as in prompts/main-menu.wav";
    }

    /// <summary>The full path of an uploadable prompt name, or null when the name is not one.</summary>
    public string? PathOf(string name) => NameProblem(name) is null ? DataFolder.Inside(folder.Root, name) : null;

    /// <summary>Every prompt the plan names, in plan order, plus files in prompts/ the plan does not use (yet).</summary>
    public IReadOnlyList<PromptUse> Uses(RoutingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var uses = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string? name, string what)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return;
            }

            if (!uses.TryGetValue(name, out var list))
            {
                uses[name] = list = [];
            }

            list.Add(what);
        }

        foreach (var (number, entry) in plan.Numbers)
        {
            Add(entry.Welcome, $"Welcome audio of {number}");
            Add(entry.RingbackAudio, $"Ringback audio of {number}");
        }

        foreach (var (id, menu) in plan.Menus)
        {
            Add(menu.Prompt, $"IVR menu {id}");
        }

        if (Directory.Exists(folder.Prompts))
        {
            foreach (var file in Directory.EnumerateFiles(folder.Prompts, "*.wav").Order(StringComparer.Ordinal))
            {
                var name = Prefix + Path.GetFileName(file);
                if (NameProblem(name) is null && !uses.ContainsKey(name))
                {
                    uses[name] = [];
                }
            }
        }

        return uses.Select(u => new PromptUse(u.Key, u.Value)).ToList();
    }

    /// <summary>Whether the file is there and playable: its length, or why callers do not hear it.</summary>
    public WavCheck.Outcome Inspect(string name)
    {
        var path = DataFolder.Inside(folder.Root, name);
        if (path is null)
        {
            return new WavCheck.Outcome(null, "outside the data folder: the box cannot play it");
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return new WavCheck.Outcome(null, "no file yet: callers hear ringback instead");
        }

        if (info.Length > MaxBytes)
        {
            return new WavCheck.Outcome(null, $"larger than {MaxBytes / (1024 * 1024)} MiB");
        }

        try
        {
            return WavCheck.Check(File.ReadAllBytes(path), name);
        }
        catch (IOException e)
        {
            return new WavCheck.Outcome(null, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return new WavCheck.Outcome(null, e.Message);
        }
    }

    /// <summary>Replaces prompt <paramref name="name"/> with <paramref name="upload"/>; null when done, else why nothing changed.</summary>
    public async Task<string?> SaveAsync(string name, Stream upload, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (NameProblem(name) is { } bad)
        {
            return bad;
        }

        var path = PathOf(name)!;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await upload.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return $"the file is larger than {MaxBytes / (1024 * 1024)} MiB; shorten it or save it as 8000 Hz mono µ-law";
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return "choose a WAV file to upload";
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var check = WavCheck.Check(bytes, name);
        if (check.Problem is { } problem)
        {
            return problem;
        }

        var temporary = path + ".upload";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return "the box could not store it: " + e.Message;
        }

        await audit.AppendAsync(actor, "prompt.uploaded",
            string.Create(CultureInfo.InvariantCulture, $"{name}: {buffer.Length} bytes, {check.Length!.Value.TotalSeconds:0.0} s"), cancellationToken).ConfigureAwait(false);
        foreach (var listener in listeners)
        {
            listener.PromptChanged(name);
        }

        return null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A stray .upload file is harmless: the next upload overwrites it.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
