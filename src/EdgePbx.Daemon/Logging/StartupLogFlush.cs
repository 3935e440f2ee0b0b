using Microsoft.Extensions.Hosting;

namespace EdgePbx.Daemon.Logging;

/// <summary>
/// Writes the start-up lines as soon as the daemon's own services have started, not up to a batch interval later.
/// Registered as the last of the daemon's hosted services: the web host starts after it, so by the time /readyz can
/// answer (or systemd hears READY=1) the lines that led up to it are on standard output, where a test or an operator
/// looking right then expects them.
/// </summary>
public sealed class StartupLogFlush(BatchedConsoleLoggerProvider log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        log.Flush();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
