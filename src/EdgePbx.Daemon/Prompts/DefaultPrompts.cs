namespace EdgePbx.Daemon.Prompts;

/// <summary>
/// Puts the default prompts that ship beside the binary (prompts/LANGUAGE/NAME.wav, spoken by espeak-ng at
/// build time; src/EdgePbx.Media/Prompts/README.md) into the data folder, where the plan, the engine and the
/// web page look for audio: every language's set as prompts/LANGUAGE/..., and the box language's call-flow
/// prompts also as prompts/NAME.wav, the names plans use (prompts/welcome.wav, prompts/main-menu.wav).
/// A file already there is never replaced: it may be the installer's own recording.
/// </summary>
public sealed class DefaultPrompts(string shippedDirectory, string dataDirectory)
{
    /// <summary>The prompts folder beside the running binary (the daemon's build and publish folders).</summary>
    public static string Shipped => Path.Combine(AppContext.BaseDirectory, "prompts");

    public string Target => Path.Combine(dataDirectory, "prompts");

    /// <summary>Copies what is missing; the files copied (relative to prompts/), or why a copy failed.</summary>
    public DefaultPromptsResult Install(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (!Directory.Exists(shippedDirectory))
        {
            return new DefaultPromptsResult([], [], shippedDirectory + " does not exist (built without espeak-ng and sox?)");
        }

        var copied = new List<string>();
        var failed = new List<string>();
        foreach (var source in Directory.EnumerateFiles(shippedDirectory, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(shippedDirectory, source);
            Copy(source, relative, copied, failed);
        }

        var languageDirectory = Path.Combine(shippedDirectory, language);
        if (Directory.Exists(languageDirectory))
        {
            foreach (var source in Directory.EnumerateFiles(languageDirectory, "*.wav", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
            {
                Copy(source, Path.GetFileName(source), copied, failed);
            }
        }

        return new DefaultPromptsResult(copied, failed, null);
    }

    private void Copy(string source, string relative, List<string> copied, List<string> failed)
    {
        var target = Path.Combine(Target, relative);
        if (File.Exists(target))
        {
            return;
        }

        // Copied under a temporary name and moved without overwrite: a file the web page writes meanwhile wins,
        // and a copy cut short by a power cut never leaves half a prompt under the real name.
        var temporary = target + ".default";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, temporary, overwrite: true);
            File.Move(temporary, target, overwrite: false);
            copied.Add(relative);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            if (!File.Exists(target))
            {
                failed.Add($"{relative}: {e.Message}");
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray .default file is harmless: the next start copies over it.
        }
    }
}
