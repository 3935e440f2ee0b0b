namespace EdgePbx.Web.Files;

/// <summary>
/// The box's data folder (where the database lives) and the audio folders in it: prompts/ (welcome audio, IVR
/// prompts; plan prompt names are relative to the data folder) and voicemail/ (messages "BOX/….wav").
/// </summary>
public sealed class DataFolder(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Prompts => Path.Combine(Root, "prompts");

    public string Voicemail => Path.Combine(Root, "voicemail");

    /// <summary>
    /// <paramref name="relative"/> under <paramref name="folder"/> as a full path, or null when it would leave the
    /// folder (.., rooted paths, another drive): no name from a request or an index row can reach other files.
    /// </summary>
    public static string? Inside(string folder, string relative)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (string.IsNullOrEmpty(relative) || Path.IsPathRooted(relative) || relative.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var root = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
