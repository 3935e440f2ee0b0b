namespace EdgePbx.Storage.Backup;

/// <summary>
/// What a backup archive may hold, by name: the database and the box's audio (prompts, voicemail greetings and
/// messages). Anything else, and any name that could leave its folder, is refused before a byte is written.
/// </summary>
public static class ArchiveNames
{
    public const string Database = "edgepbx.db";

    /// <summary>What kind of file <paramref name="name"/> is in an archive, or null with <paramref name="why"/> when it may not be there.</summary>
    public static ArchiveFileKind? Classify(string name, out string? why)
    {
        why = null;
        if (name == Database)
        {
            return ArchiveFileKind.Database;
        }

        if (name.Length is 0 or > 200 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            why = "not a relative path";
            return null;
        }

        var parts = name.Split('/');
        if (parts.Any(p => p is "" or "." or ".."))
        {
            why = "a path that leaves its folder";
            return null;
        }

        if (!parts.All(p => p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || !name.EndsWith(".wav", StringComparison.Ordinal))
        {
            why = "not one of the box's audio files (prompts/*.wav, voicemail/…/*.wav)";
            return null;
        }

        switch (parts)
        {
            case ["prompts", _]:
                return ArchiveFileKind.Prompt;
            case ["voicemail", "greetings", _, "busy.wav" or "unavailable.wav"]:
                return ArchiveFileKind.Greeting;
            case ["voicemail", not "greetings", _]:
                return ArchiveFileKind.Message;
            default:
                why = "not one of the box's audio files (prompts/*.wav, voicemail/…/*.wav)";
                return null;
        }
    }
}

public enum ArchiveFileKind
{
    Database,
    Prompt,
    Greeting,
    Message,
}
