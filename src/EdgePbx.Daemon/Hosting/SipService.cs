using System.Net.Sockets;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Sip.Stack;
using EdgePbx.Daemon.Adapters;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Hosting;

/// <summary>
/// Binds the SIP transports (UDP and TCP) while the host starts, so a taken port stops start-up with
/// one clear line before readiness is announced, then receives until the host stops.
/// </summary>
public sealed partial class SipService(SipStack stack, DaemonSettings settings, PersistentSubscriptionStore subscriptions, ILogger<SipService> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public bool IsBound { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            stack.Bind();
        }
        catch (SocketException ex)
        {
            throw new ListenerBindException("sip.listen", settings.SipListen.ToString(), ex);
        }

        IsBound = true;
        _running = stack.RunAsync(_stop.Token);

        // Phones' subscriptions from before the restart: each gets the current state in its old dialog.
        var restored = stack.Notifier.Restore(subscriptions);
        if (restored > 0)
        {
            LogRestored(logger, restored);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        IsBound = false;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Dispose();
        await stack.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "Restored {Count} event subscriptions from before the restart")]
    private static partial void LogRestored(ILogger logger, int count);
}
