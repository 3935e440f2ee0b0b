using EdgePbx.Daemon.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Prompts;

/// <summary>
/// Copies missing default prompts into the data folder when the daemon starts, before the plan is put in force
/// and calls are taken. A prompt that cannot be copied is a warning, not a failed start: the engine plays
/// ringback or a tone for a missing file.
/// </summary>
public sealed partial class DefaultPromptsService(DaemonSettings settings, ILogger<DefaultPromptsService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var prompts = new DefaultPrompts(DefaultPrompts.Shipped, settings.DataDirectory);
        var result = prompts.Install(settings.Media.PromptLanguage);
        if (result.Missing is { } missing)
        {
            LogNoDefaults(logger, missing);
            return Task.CompletedTask;
        }

        if (result.Copied.Count > 0)
        {
            LogCopied(logger, result.Copied.Count, settings.Media.PromptLanguage, prompts.Target);
        }

        foreach (var failure in result.Failed)
        {
            LogFailed(logger, failure);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 90, Level = LogLevel.Information, Message = "Default prompts: copied {Count} missing files ({Language} as the box language) into {Folder}")]
    private static partial void LogCopied(ILogger logger, int count, string language, string folder);

    [LoggerMessage(EventId = 91, Level = LogLevel.Warning, Message = "Default prompts: {Failure}")]
    private static partial void LogFailed(ILogger logger, string failure);

    [LoggerMessage(EventId = 92, Level = LogLevel.Warning, Message = "Default prompts: none to copy, {Reason}")]
    private static partial void LogNoDefaults(ILogger logger, string reason);
}
