using System.Net.Sockets;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Sip.Stack;
using Microsoft.Extensions.Hosting;

namespace EdgePbx.Daemon.Hosting;

/// <summary>
/// Binds the SIP transports (UDP and TCP) while the host starts, so a taken port stops start-up with
/// one clear line before readiness is announced, then receives until the host stops.
/// </summary>
public sealed class SipService(SipStack stack, DaemonSettings settings) : IHostedService, IAsyncDisposable
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
}
