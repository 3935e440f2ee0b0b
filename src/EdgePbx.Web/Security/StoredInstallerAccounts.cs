using EdgePbx.Storage.Accounts;

namespace EdgePbx.Web.Security;

/// <summary>
/// Installer accounts in the box's database (PBKDF2 hashes, <see cref="AccountStore"/>); the store writes
/// the audit entry of each change in the same transaction. Once any account exists the answer is cached:
/// accounts are never deleted, so first run cannot come back.
/// </summary>
public sealed class StoredInstallerAccounts(AccountStore store) : IInstallerAccounts, IDisposable
{
    private readonly SemaphoreSlim _firstRun = new(1, 1);
    private volatile bool _hasAccount;

    public bool HasAnyAccount() => _hasAccount || (_hasAccount = !store.List().IsEmpty);

    public async Task<bool> TryCreateFirstAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        // Two browsers racing through first run: only one may set the password.
        await _firstRun.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (HasAnyAccount())
            {
                return false;
            }

            var created = await store.CreateAsync(user, password, cancellationToken).ConfigureAwait(false);
            _hasAccount = created.Succeeded || _hasAccount;
            return created.Succeeded;
        }
        finally
        {
            _firstRun.Release();
        }
    }

    public bool Verify(string user, string password) => store.Verify(user, password);

    public void Dispose() => _firstRun.Dispose();
}
