using System.CommandLine;
using System.Globalization;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Tools;
using EdgePbx.Daemon.Plans;
using EdgePbx.Routing.Cli;
using EdgePbx.Routing.Evaluation;

namespace EdgePbx.Daemon.Cli;

/// <summary>
/// <c>edgepbx plan check FILE</c>, <c>plan explain FILE --caller --called --at</c>,
/// <c>plan sign FILE --key PEM --version N --device ID|--group ID --out FILE</c> and
/// <c>plan publish ENVELOPE --broker mqtt://host:port --device ID</c> and
/// <c>plan rollback --data DIR</c>.
/// </summary>
public static class PlanVerb
{
    public static Command Create()
    {
        var command = new Command("plan", "Check, explain, sign, publish and roll back routing plans");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Explain());
        command.Subcommands.Add(Sign());
        command.Subcommands.Add(Publish());
        command.Subcommands.Add(Rollback());
        return command;
    }

    private static Command Check()
    {
        var file = new Argument<string>("FILE") { Description = "Routing plan JSON" };
        var command = new Command("check", "Validate a plan: every error with its JSON path; exit 1 when the plan is refused") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var bytes = await CliFiles.ReadAsync(parse.GetValue(file)!, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return ExitCodes.Invalid;
            }

            var result = PlanCheck.Run(bytes);
            await parse.InvocationConfiguration.Output.WriteAsync(result.Render()).ConfigureAwait(false);
            return result.Ok ? ExitCodes.Ok : ExitCodes.Invalid;
        });
        return command;
    }

    private static Command Explain()
    {
        var file = new Argument<string>("FILE") { Description = "Routing plan JSON" };
        var caller = new Option<string>("--caller") { Description = "Caller number, e.g. 09912345678", Required = true };
        var called = new Option<string>("--called") { Description = "Called number, e.g. 4006123456", Required = true };
        var at = new Option<string?>("--at") { Description = "When, ISO 8601 with offset (default: now), e.g. 2026-11-29T23:00+08:00" };
        var night = new Option<bool>("--night") { Description = "The front-panel night switch is on" };
        var command = new Command("explain", "Show the decision for one call and the trace of every rule considered") { file, caller, called, at, night };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var bytes = await CliFiles.ReadAsync(parse.GetValue(file)!, error, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return ExitCodes.Invalid;
            }

            var check = PlanCheck.Run(bytes);
            if (!check.Ok)
            {
                await error.WriteAsync(check.Render()).ConfigureAwait(false);
                return ExitCodes.Invalid;
            }

            var when = DateTimeOffset.UtcNow;
            if (parse.GetValue(at) is { } text && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out when))
            {
                await error.WriteLineAsync($"edgepbx: --at '{text}' is not an ISO 8601 time such as 2026-11-29T23:00+08:00").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var facts = new CallFacts(parse.GetValue(caller)!, parse.GetValue(called)!) { NightMode = parse.GetValue(night) };
            var output = PlanExplain.Run(check.Plan!, facts, CallCounters.None, when);
            await parse.InvocationConfiguration.Output.WriteAsync(output).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Sign()
    {
        var file = new Argument<string>("FILE") { Description = "Routing plan JSON" };
        var key = new Option<string>("--key") { Description = "EC P-256 private key PEM file", Required = true };
        var keyId = new Option<string>("--key-id") { Description = "Key id the boxes know the public key by", Required = true };
        var version = new Option<long>("--version") { Description = "Plan version (must rise with every plan)", Required = true };
        var device = new Option<string?>("--device") { Description = "Target one box by device id" };
        var group = new Option<string?>("--group") { Description = "Target a group of boxes" };
        var output = new Option<string>("--out") { Description = "Where to write the signed envelope", Required = true };
        var command = new Command("sign", "Sign a plan for the cloud (validates it first)") { file, key, keyId, version, device, group, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var bytes = await CliFiles.ReadAsync(parse.GetValue(file)!, error, cancellationToken).ConfigureAwait(false);
            var pem = await CliFiles.ReadAsync(parse.GetValue(key)!, error, cancellationToken).ConfigureAwait(false);
            if (bytes is null || pem is null)
            {
                return ExitCodes.Invalid;
            }

            var check = PlanCheck.Run(bytes);
            if (!check.Ok)
            {
                await error.WriteAsync(check.Render()).ConfigureAwait(false);
                return ExitCodes.Invalid;
            }

            var (deviceId, groupId) = (parse.GetValue(device), parse.GetValue(group));
            if ((deviceId is null) == (groupId is null))
            {
                await error.WriteLineAsync("edgepbx: name exactly one of --device or --group").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var target = deviceId is not null ? PlanTarget.Device(deviceId) : PlanTarget.Group(groupId!);
            var request = new PlanSigningRequest(parse.GetValue(version), target, parse.GetValue(keyId)!, DateTimeOffset.UtcNow);
            var signed = PlanTool.Sign(bytes, System.Text.Encoding.UTF8.GetString(pem), request);
            if (!signed.Succeeded)
            {
                foreach (var problem in signed.Errors)
                {
                    await error.WriteLineAsync($"edgepbx: {problem}").ConfigureAwait(false);
                }

                return ExitCodes.Invalid;
            }

            await File.WriteAllBytesAsync(parse.GetValue(output)!, signed.Value!, cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"signed plan version {request.Version} for {target} -> {parse.GetValue(output)}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Publish()
    {
        var file = new Argument<string>("ENVELOPE") { Description = "Signed envelope from `edgepbx plan sign`" };
        var broker = new Option<string>("--broker") { Description = "mqtt://host:port or mqtts://host:port", Required = true };
        var device = new Option<string>("--device") { Description = "Device id whose plan topic to publish to", Required = true };
        var command = new Command("publish", "Publish a signed plan, retained, to a box's MQTT plan topic") { file, broker, device };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var bytes = await CliFiles.ReadAsync(parse.GetValue(file)!, error, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return ExitCodes.Invalid;
            }

            var result = await PlanTool.PublishAsync(bytes, parse.GetValue(broker)!, parse.GetValue(device)!, null, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                foreach (var problem in result.Errors)
                {
                    await error.WriteLineAsync($"edgepbx: {problem}").ConfigureAwait(false);
                }

                return ExitCodes.Invalid;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"published to {result.Value}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rollback()
    {
        var data = new Option<string>("--data") { Description = "Data directory (default ./data)", DefaultValueFactory = _ => "data" };
        var command = new Command("rollback", "Make the last-known-good plan the box's plan again (the running daemon takes it on SIGHUP, `systemctl reload edgepbx`, or at its next start)") { data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await PlanRollback.RunAsync(parse.GetValue(data)!, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            if (result.Error is { } problem)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"edgepbx: plan rollback refused: {problem}").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(result.Message).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
