using System.CommandLine;
using System.Globalization;
using EdgePbx.Storage.Backup;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Export;
using EdgePbx.Storage.Phones;

namespace EdgePbx.Daemon.Cli;

/// <summary>
/// Verbs over the data directory: <c>cdr export</c>, <c>backup</c>, <c>restore</c> and <c>phone set</c>
/// (a desk phone's SIP password, read from standard input so it never shows in the process list).
/// </summary>
public static class DataVerbs
{
    public static IEnumerable<Command> Create() => [Cdr(), Backup(), Restore(), Phone()];

    private static Option<string> DataOption() => new("--data") { Description = "Data directory (default ./data)", DefaultValueFactory = _ => "data" };

    private static Command Cdr()
    {
        var data = DataOption();
        var from = new Option<string>("--from") { Description = "First day or time, ISO 8601 (e.g. 2026-11-01 or 2026-11-01T00:00+08:00)", Required = true };
        var to = new Option<string>("--to") { Description = "End (exclusive), ISO 8601", Required = true };
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--out") { Description = "Output file (default: standard output)" };
        var export = new Command("export", "Export call records of a period as CSV or JSON") { data, from, to, format, output };
        export.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!TryTime(parse.GetValue(from)!, out var start) || !TryTime(parse.GetValue(to)!, out var end))
            {
                await error.WriteLineAsync("edgepbx: --from and --to must be ISO 8601 dates or times").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (!Enum.TryParse<ExportFormat>(parse.GetValue(format), ignoreCase: true, out var kind))
            {
                await error.WriteLineAsync($"edgepbx: --format '{parse.GetValue(format)}' is not csv or json").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var path = parse.GetValue(output);
            var stream = path is null ? Console.OpenStandardOutput() : File.Create(path);
            await using (stream.ConfigureAwait(false))
            {
                var result = await CdrExport.RunAsync(parse.GetValue(data)!, start, end, kind, stream, cancellationToken).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    await error.WriteLineAsync($"edgepbx: {result.Error}").ConfigureAwait(false);
                    return ExitCodes.Invalid;
                }

                await error.WriteLineAsync($"{result.Rows} call record(s) exported").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
        });
        return new Command("cdr", "Call records") { export };
    }

    private static Command Backup()
    {
        var data = DataOption();
        var output = new Argument<string>("FILE") { Description = "Backup file to write" };
        var command = new Command(
            "backup",
            "Write a backup of the whole box: its database (a consistent snapshot) and its prompts, greetings and voicemail, as the web page's backup (safe while the daemon runs)")
            { data, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await BoxArchive.CreateAsync(parse.GetValue(data)!, parse.GetValue(output)!, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Report(parse, result, "backup").ConfigureAwait(false);
        });
        return command;
    }

    private static Command Restore()
    {
        var data = DataOption();
        var input = new Argument<string>("FILE") { Description = "Backup file to restore (the daemon must be stopped)" };
        var command = new Command(
            "restore",
            "Replace the box's database and audio with a checked backup (from edgepbx backup or the web page; a bare database file of older firmware replaces the database and keeps the audio)")
            { data, input };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await BoxArchive.RestoreAsync(parse.GetValue(data)!, parse.GetValue(input)!, TimeProvider.System, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Report(parse, result, "restore").ConfigureAwait(false);
        });
        return command;
    }

    private static Command Phone()
    {
        var data = DataOption();
        var extension = new Argument<string>("EXTENSION") { Description = "Extension number, e.g. 101" };
        var set = new Command("set", "Set a desk phone's SIP password (first line of standard input)") { data, extension };
        set.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var password = (await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r');
            if (string.IsNullOrEmpty(password))
            {
                await error.WriteLineAsync("edgepbx: give the SIP password on standard input, e.g. `edgepbx phone set 101 < secret.txt`").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var database = PbxDatabase.Open(Path.GetFullPath(parse.GetValue(data)!), TimeProvider.System);
            using var phones = new PhoneAccountStore(database);
            var result = await phones.SetAsync(parse.GetValue(extension)!, password, null, "cli", cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                await error.WriteLineAsync($"edgepbx: {result.Field}: {result.Error}").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"SIP password of {parse.GetValue(extension)} set").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        var listData = DataOption();
        var list = new Command("list", "List desk phone accounts (never their secrets)") { listData };
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var database = PbxDatabase.Open(Path.GetFullPath(parse.GetValue(listData)!), TimeProvider.System);
            using var phones = new PhoneAccountStore(database);
            var output = parse.InvocationConfiguration.Output;
            foreach (var phone in phones.List())
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{phone.Extension}	sip password {(phone.HasSipPassword ? "set" : "not set")}	voicemail PIN {(phone.HasVoicemailPin ? "set" : "not set")}	updated {phone.Updated:yyyy-MM-dd HH:mm:ss}Z")).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return new Command("phone", "Desk phone accounts") { set, list };
    }

    private static async Task<int> Report(ParseResult parse, ArchiveResult result, string what)
    {
        if (!result.Succeeded)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"edgepbx: {what} refused: {result.Error}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        await parse.InvocationConfiguration.Output.WriteLineAsync($"{what} done: {result}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static bool TryTime(string text, out DateTimeOffset value)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // A bare date is a day on the box's clock (China Standard Time, no daylight saving).
            value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
