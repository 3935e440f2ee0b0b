namespace EdgePbx.Web.Security;

/// <summary>
/// The installer accounts the page logs in against. The daemon backs it with storage (password hashes
/// in the database); there is never a default account or password: the first visit sets one.
/// </summary>
public interface IInstallerAccounts
{
    /// <summary>True once the first-run password has been set.</summary>
    bool HasAnyAccount();

    /// <summary>Creates the first account; false when one exists already (first run is over).</summary>
    Task<bool> TryCreateFirstAsync(string user, string password, CancellationToken cancellationToken = default);

    bool Verify(string user, string password);
}
