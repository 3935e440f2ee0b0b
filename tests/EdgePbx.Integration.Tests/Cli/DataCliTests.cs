using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Cli;

/// <summary>Backup, restore and call-record export on a data directory the daemon really used.</summary>
public sealed class DataCliTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-datacli-").FullName;

    [Fact]
    public void Backup_of_a_used_box_restores_onto_an_empty_one_with_its_phone_accounts()
    {
        string source = Path.Combine(_dir, "box-a");
        var (setCode, _, setErr) = DaemonProcess.RunToExitWithInput("secret-for-102\n", Patience, "phone", "set", "102", "--data", source);
        Assert.True(setCode == 0, setErr);

        // The box's own audio travels with its database, as in the web page's backup.
        string message = Path.Combine("voicemail", "102", "20261125T020000000-a1b2c3.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(source, message))!);
        File.WriteAllText(Path.Combine(source, message), "a voicemail message");
        string backup = Path.Combine(_dir, "box.bak");
        var (code, stdout, stderr) = DaemonProcess.RunToExit(Patience, "backup", backup, "--data", source);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("backup done", stdout, StringComparison.Ordinal);
        Assert.Contains("1 voicemail messages", stdout, StringComparison.Ordinal);
        Assert.True(new FileInfo(backup).Length > 0);

        string target = Path.Combine(_dir, "box-b");
        Directory.CreateDirectory(target);
        var (restoreCode, restoreOut, restoreErr) = DaemonProcess.RunToExit(Patience, "restore", backup, "--data", target);
        Assert.True(restoreCode == 0, restoreOut + restoreErr);

        var (listCode, list, listErr) = DaemonProcess.RunToExit(Patience, "phone", "list", "--data", target);
        Assert.True(listCode == 0, listErr);
        Assert.StartsWith("102	sip password set", list, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-for-102", list, StringComparison.Ordinal);
        Assert.Equal("a voicemail message", File.ReadAllText(Path.Combine(target, message)));
    }

    [Fact]
    public void Restore_of_a_file_that_is_not_a_backup_is_refused_and_changes_nothing()
    {
        string target = Path.Combine(_dir, "box");
        var (setCode, _, _) = DaemonProcess.RunToExitWithInput("secret-for-103\n", Patience, "phone", "set", "103", "--data", target);
        Assert.Equal(0, setCode);
        string db = Path.Combine(target, "edgepbx.db");
        var before = File.ReadAllBytes(db);

        string junk = Path.Combine(_dir, "junk.bak");
        File.WriteAllText(junk, "this is not a database");
        var (code, _, stderr) = DaemonProcess.RunToExit(Patience, "restore", junk, "--data", target);
        Assert.Equal(1, code);
        Assert.Contains("restore refused", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void Cdr_export_of_an_empty_period_writes_the_csv_header_only()
    {
        string box = Path.Combine(_dir, "box");
        var (setCode, _, _) = DaemonProcess.RunToExitWithInput("secret-for-104\n", Patience, "phone", "set", "104", "--data", box);
        Assert.Equal(0, setCode);
        string csv = Path.Combine(_dir, "calls.csv");
        var (code, _, stderr) = DaemonProcess.RunToExit(Patience, "cdr", "export", "--data", box, "--from", "2026-11-01", "--to", "2026-12-01", "--out", csv);
        Assert.True(code == 0, stderr);
        Assert.Contains("0 call record(s) exported", stderr, StringComparison.Ordinal);
        var lines = File.ReadAllLines(csv);
        Assert.Single(lines);
        Assert.Contains("caller", lines[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Phone_set_refuses_a_short_password_and_an_empty_stdin()
    {
        string box = Path.Combine(_dir, "box");
        var (shortCode, _, shortErr) = DaemonProcess.RunToExitWithInput("abc\n", Patience, "phone", "set", "101", "--data", box);
        Assert.Equal(1, shortCode);
        Assert.Contains("edgepbx: ", shortErr, StringComparison.Ordinal);

        var (emptyCode, _, emptyErr) = DaemonProcess.RunToExitWithInput("", Patience, "phone", "set", "101", "--data", box);
        Assert.Equal(64, emptyCode);
        Assert.Contains("standard input", emptyErr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
