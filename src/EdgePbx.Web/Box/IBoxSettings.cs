namespace EdgePbx.Web.Box;

/// <summary>
/// The daemon's settings in force (network, trunk, cloud) for the System page. They come from the settings file,
/// which <see cref="Source"/> names; the page shows them and says where to change them.
/// </summary>
public interface IBoxSettings
{
    string? Source { get; }

    IReadOnlyList<BoxSettingsSection> Sections();
}
