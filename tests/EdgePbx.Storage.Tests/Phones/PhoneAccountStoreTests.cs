using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Phones;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Phones;

public sealed class PhoneAccountStoreTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(Calls.T0);
    private readonly PbxDatabase _db;
    private readonly PhoneAccountStore _store;

    public PhoneAccountStoreTests()
    {
        _db = PbxDatabase.Open(_dir.Path, _time);
        _store = new PhoneAccountStore(_db);
    }

    [Fact]
    public async Task Set_then_find_returns_the_password_and_the_listing_only_says_it_is_set()
    {
        var result = await _store.SetAsync("101", "Sip-pass-101", "4711", "installer");

        Assert.True(result.Succeeded);
        Assert.Equal("Sip-pass-101", _store.FindSipPassword("101"));
        Assert.True(_store.VerifyVoicemailPin("101", "4711"));
        var listed = Assert.Single(_store.List());
        Assert.Equal(new PhoneAccount("101", true, true, Calls.T0), listed);
        Assert.DoesNotContain("Sip-pass-101", listed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4711", listed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_secret_keeps_the_stored_one_and_the_time_moves_on()
    {
        await _store.SetAsync("101", "Sip-pass-101", "4711", "installer");
        _time.Advance(TimeSpan.FromMinutes(5));

        await _store.SetAsync("101", null, "9999", "installer");

        Assert.Equal("Sip-pass-101", _store.FindSipPassword("101"));
        Assert.False(_store.VerifyVoicemailPin("101", "4711"));
        Assert.True(_store.VerifyVoicemailPin("101", "9999"));
        Assert.Equal(Calls.T0.AddMinutes(5), _store.Find("101")!.Updated);
    }

    [Fact]
    public async Task Secrets_survive_a_restart_of_the_store()
    {
        await _store.SetAsync("101", "Sip-pass-101", null, "installer");
        await _store.SetAsync("102", null, "123456", "installer");

        using var again = new PhoneAccountStore(_db);

        Assert.Equal("Sip-pass-101", again.FindSipPassword("101"));
        Assert.Null(again.FindSipPassword("102"));
        Assert.True(again.VerifyVoicemailPin("102", "123456"));
        Assert.Equal(["101", "102"], again.List().Select(a => a.Extension));
        Assert.Equal([(true, false), (false, true)], again.List().Select(a => (a.HasSipPassword, a.HasVoicemailPin)));
    }

    [Theory]
    [InlineData("10a", "Sip-pass-101", null, "extension")]
    [InlineData("", "Sip-pass-101", null, "extension")]
    [InlineData("12345678901234567", "Sip-pass-101", null, "extension")]
    [InlineData("101", "short", null, "sipPassword")]
    [InlineData("101", "has a space in it", null, "sipPassword")]
    [InlineData("101", "aaaaaaaaaaaa", null, "sipPassword")]
    [InlineData("101", "pässwört-ü1", null, "sipPassword")]
    [InlineData("101", "Sip-pass-101", "12a4", "voicemailPin")]
    [InlineData("101", "Sip-pass-101", "123", "voicemailPin")]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_stored(string extension, string? password, string? pin, string field)
    {
        var result = await _store.SetAsync(extension, password, pin, "installer");

        Assert.False(result.Succeeded);
        Assert.Equal(field, result.Field);
        Assert.Empty(_store.List());
        Assert.Empty(new AuditLog(_db).Recent(10));
    }

    [Fact]
    public async Task Every_change_is_audited_without_the_secret()
    {
        await _store.SetAsync("101", "Sip-pass-101", "4711", "installer");
        await _store.SetAsync("101", null, "8080", "cli");
        Assert.True(await _store.DeleteAsync("101", "installer"));

        var entries = new AuditLog(_db).Recent(10).Reverse().ToArray();
        Assert.Equal(["phone.secret-set", "phone.secret-set", "phone.deleted"], entries.Select(e => e.Action));
        Assert.Equal(["installer", "cli", "installer"], entries.Select(e => e.Actor));
        Assert.Equal("101: SIP password and voicemail PIN", entries[0].Detail);
        Assert.Equal("101: voicemail PIN", entries[1].Detail);
        Assert.All(entries, e => Assert.DoesNotContain("Sip-pass-101", e.Detail, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("4711", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_forgets_the_secrets_and_a_second_delete_says_there_was_nothing()
    {
        await _store.SetAsync("101", "Sip-pass-101", "4711", "installer");

        Assert.True(await _store.DeleteAsync("101", "installer"));
        Assert.False(await _store.DeleteAsync("101", "installer"));

        Assert.Null(_store.FindSipPassword("101"));
        Assert.False(_store.VerifyVoicemailPin("101", "4711"));
        using var again = new PhoneAccountStore(_db);
        Assert.Empty(again.List());
    }

    [Fact]
    public async Task Move_keeps_the_secrets_under_the_new_number_replacing_a_stale_account()
    {
        await _store.SetAsync("101", "Sip-pass-101", "4711", "installer");
        await _store.SetAsync("201", "Stale-pass-201", null, "installer");

        Assert.True(await _store.MoveAsync("101", "201", "installer"));
        Assert.False(await _store.MoveAsync("999", "301", "installer"));

        Assert.Null(_store.FindSipPassword("101"));
        Assert.Equal("Sip-pass-101", _store.FindSipPassword("201"));
        Assert.True(_store.VerifyVoicemailPin("201", "4711"));
        using var again = new PhoneAccountStore(_db);
        Assert.Equal(["201"], again.List().Select(a => a.Extension));
        Assert.Equal("Sip-pass-101", again.FindSipPassword("201"));
        Assert.Contains(new AuditLog(_db).Recent(10), e => e.Action == "phone.moved" && e.Detail == "101 -> 201");
    }

    [Fact]
    public void Unknown_extension_has_no_password_and_no_pin_verifies()
    {
        Assert.Null(_store.FindSipPassword("999"));
        Assert.Null(_store.Find("999"));
        Assert.False(_store.VerifyVoicemailPin("999", ""));
        Assert.False(_store.VerifyVoicemailPin("999", "0000"));
    }

    [Fact]
    public async Task The_secret_is_written_to_the_database_as_given_for_digest_authentication()
    {
        await _store.SetAsync("101", "Sip-pass-101", null, "installer");

        using var reader = _db.OpenReader();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT sip_password, voicemail_pin FROM phone_accounts WHERE extension = '101'";
        using var r = command.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal("Sip-pass-101", r.GetString(0));
        Assert.True(r.IsDBNull(1));
    }

    [Fact]
    public async Task Concurrent_changes_to_one_extension_leave_the_copy_equal_to_the_database()
    {
        var tasks = Enumerable.Range(0, 40).Select(i => _store.SetAsync("101", $"Sip-pass-{i:D3}", null, "installer")).ToArray();
        await Task.WhenAll(tasks);

        using var reader = _db.OpenReader();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT sip_password FROM phone_accounts WHERE extension = '101'";
        Assert.Equal((string)command.ExecuteScalar()!, _store.FindSipPassword("101"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
