using System.CommandLine;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Daemon.Hosting;

namespace EdgePbx.Daemon.Cli;

/// <summary><c>edgepbx run</c>: the daemon itself (also what a bare <c>edgepbx</c> does).</summary>
public static class RunVerb
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Settings JSON file (command-line options beat it)" };
        var data = new Option<string?>("--data") { Description = "Data directory (default ./data)" };
        var sip = new Option<string?>("--sip") { Description = "SIP UDP+TCP listen address HOST:PORT (default 127.0.0.1:5060)" };
        var web = new Option<string?>("--web") { Description = "Web listen address HOST:PORT (default 127.0.0.1:8080)" };
        var plan = new Option<string?>("--plan") { Description = "Routing plan JSON file (default: the built-in demo plan)" };
        var command = new Command("run", "Run the PBX daemon") { config, data, sip, web, plan };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = SettingsLoader.Load(new CommandLineOverrides(
                parse.GetValue(config), parse.GetValue(data), parse.GetValue(sip), parse.GetValue(web), parse.GetValue(plan)));
            if (loaded.Error is { } problem)
            {
                await Console.Error.WriteLineAsync($"edgepbx: {problem}").ConfigureAwait(false);
                return ExitCodes.BadSettings;
            }
            return await DaemonHost.RunAsync(loaded.Settings!, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
