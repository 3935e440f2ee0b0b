using EdgePbx.Switchboard.Records;
using Microsoft.Extensions.Hosting;

namespace EdgePbx.Daemon.Engine;

/// <summary>
/// Writes call records from the engine's queue to SQLite while the daemon runs (on the sink's own thread). It
/// starts before SIP listens and stops after SIP has stopped: completing the queue ends the writer thread once
/// every record still queued is written, so a record is never lost to a graceful stop.
/// </summary>
public sealed class CallRecordService(StorageCallRecordSink sink) : IHostedService
{
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = sink.RunAsync(CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        sink.Complete();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
