namespace EdgePbx.Web.Status;

/// <summary>
/// Where the dashboard reads live state. The web layer ships <see cref="StoredPbxStatus"/>, which knows only
/// what storage knows (registered phones); the daemon registers its own source (engine calls, trunk, LEDs,
/// cloud) before <c>AddInstallerWeb</c> to replace it.
/// </summary>
public interface IPbxStatusSource
{
    PbxStatus Current();
}
