using EdgePbx.Storage.Accounts;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Stores;

public sealed class AccountStoreTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(Calls.T0);
    private readonly PbxDatabase _db;

    public AccountStoreTests() => _db = PbxDatabase.Open(_dir.Path, _time);

    [Fact]
    public void Hash_is_salted_pbkdf2_sha256_with_the_default_high_iteration_count()
    {
        var hasher = new PasswordHasher();

        var a = hasher.Hash("correct horse");
        var b = hasher.Hash("correct horse");

        Assert.StartsWith("pbkdf2-sha256$600000$", a);
        Assert.NotEqual(a, b);
        Assert.True(PasswordHasher.Verify("correct horse", a));
        Assert.False(PasswordHasher.Verify("correct horsE", a));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    [InlineData("md5$1$AAAA$AAAA")]
    public void Malformed_stored_hash_never_verifies(string stored)
    {
        Assert.False(PasswordHasher.Verify("anything", stored));
    }

    [Fact]
    public void Iteration_count_below_the_floor_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordHasher(1000));
    }

    [Fact]
    public async Task Account_verifies_its_password_changes_it_and_lists_without_hashes()
    {
        var store = new AccountStore(_db, new PasswordHasher(100_000));
        Assert.True((await store.CreateAsync("installer", "s3cret-Pass")).Succeeded);
        _time.Advance(TimeSpan.FromDays(1));

        Assert.True(store.Verify("installer", "s3cret-Pass"));
        Assert.False(store.Verify("installer", "wrong"));
        Assert.False(store.Verify("nobody", "s3cret-Pass"));
        Assert.False((await store.ChangePasswordAsync("installer", "wrong", "new-Pass-1")).Succeeded);
        Assert.True((await store.ChangePasswordAsync("installer", "s3cret-Pass", "new-Pass-1")).Succeeded);

        Assert.True(store.Verify("installer", "new-Pass-1"));
        Assert.False(store.Verify("installer", "s3cret-Pass"));
        var account = Assert.Single(store.List());
        Assert.Equal(new InstallerAccount("installer", Calls.T0, Calls.T0.AddDays(1)), account);
    }

    [Fact]
    public async Task Creating_an_existing_user_is_refused_and_keeps_the_old_password()
    {
        var store = new AccountStore(_db, new PasswordHasher(100_000));
        await store.CreateAsync("installer", "first-Pass");

        var again = await store.CreateAsync("installer", "second-Pass");

        Assert.False(again.Succeeded);
        Assert.True(store.Verify("installer", "first-Pass"));
        Assert.False((await store.CreateAsync("", "x")).Succeeded);
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
