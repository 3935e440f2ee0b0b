namespace EdgePbx.Web.Box;

/// <summary>
/// The daemon's settings (network, trunk, cloud, SIP digest and qualify, media, voicemail) for the System page:
/// <see cref="Sections"/> are those in force, <see cref="Fields"/> those saved in the settings file (which
/// <see cref="Source"/> names) for editing.
/// Saved changes take effect when the service restarts (the SIP listener, the RTP ports, the trunk registration
/// and the cloud link are set up at start); <see cref="PendingRestart"/> lists those saved since this start.
/// </summary>
public interface IBoxSettings
{
    string? Source { get; }

    IReadOnlyList<BoxSettingsSection> Sections();

    /// <summary>Why nothing can be saved here (no settings file), or null when <see cref="SaveAsync"/> can write.</summary>
    string? ReadOnlyReason { get; }

    /// <summary>The editable fields of a section (the ids of <see cref="Sections"/>) as saved (secrets empty), or null for another name.</summary>
    IReadOnlyList<BoxSettingField>? Fields(string section);

    /// <summary>
    /// Checks every value and, when all are right, writes the settings file atomically (a refusal changes nothing).
    /// A key left out keeps its saved value; an empty secret keeps the saved secret.
    /// </summary>
    Task<BoxSettingsSave> SaveAsync(string section, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken);

    /// <summary>Labels of the settings saved since the service started, which take effect on the next restart.</summary>
    IReadOnlyList<string> PendingRestart { get; }
}
