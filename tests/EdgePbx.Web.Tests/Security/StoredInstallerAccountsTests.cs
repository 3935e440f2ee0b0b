using EdgePbx.Storage.Accounts;
using EdgePbx.Web.Security;
using EdgePbx.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgePbx.Web.Tests.Security;

/// <summary>The accounts the daemon gets by registering only PbxDatabase: PBKDF2 hashes in SQLite, audited.</summary>
public sealed class StoredInstallerAccountsTests
{
    [Fact]
    public async Task First_run_creates_one_hashed_account_with_an_audit_entry_and_then_closes()
    {
        await using var host = await WebShellHost.StartAsync(storedAccounts: true);
        Assert.IsType<StoredInstallerAccounts>(host.Accounts);
        Assert.False(host.Accounts.HasAnyAccount());

        var results = await Task.WhenAll(
            host.Accounts.TryCreateFirstAsync("installer", WebShellHost.Password),
            host.Accounts.TryCreateFirstAsync("intruder", "another long password"));

        Assert.Equal(1, results.Count(r => r));
        Assert.True(host.Accounts.HasAnyAccount());
        Assert.Single(host.Services.GetRequiredService<AccountStore>().List());
        Assert.Single(host.Audit.Recent(10), e => e.Action == "account.created");
        Assert.False(await host.Accounts.TryCreateFirstAsync("later", WebShellHost.Password));
    }

    [Fact]
    public async Task Login_through_the_page_checks_the_stored_hash()
    {
        await using var host = await WebShellHost.StartAsync(storedAccounts: true);
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            Assert.True(host.Accounts.Verify("installer", WebShellHost.Password));
            Assert.False(host.Accounts.Verify("installer", WebShellHost.Password + "!"));
            Assert.False(host.Accounts.Verify("nobody", WebShellHost.Password));
            Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
        }
    }
}
