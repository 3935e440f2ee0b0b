using EdgePbx.Switchboard;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Engine;

/// <summary>
/// On the way down, before SIP stops, ends the calls in progress so that each gets its BYE or 503 and
/// its call record (written by <see cref="CallRecordService"/>, which stops later). Starts nothing.
/// </summary>
public sealed partial class CallDrainService(CallEngine engine, ILogger<CallDrainService> logger) : IHostedService
{
    /// <summary>Within systemd's stop timeout and the daemon's 2 s promise, with room for the writer.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(700);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var calls = engine.ActiveCalls;
        if (calls == 0)
        {
            return;
        }

        try
        {
            var left = await engine.EndAllCallsAsync(Patience, cancellationToken).ConfigureAwait(false);
            LogDrained(logger, calls, left);
        }
        catch (OperationCanceledException)
        {
            // The host's stop timeout ran out: the calls' own endings still submit their records.
        }
    }

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Stopping: ended {Calls} call(s) in progress ({Left} did not end in time)")]
    private static partial void LogDrained(ILogger logger, int calls, int left);
}
