using EdgePbx.Daemon.Configuration;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Stack;
using EdgePbx.Sip.Transport;
using EdgePbx.Switchboard;
using Microsoft.Extensions.Hosting;

namespace EdgePbx.Daemon.Engine;

/// <summary>
/// Registers the box with the carrier when the trunk section has credentials (RFC 3261 10.2, refreshed
/// before expiry, retried with back-off); the engine turns its state into trunk events (LED, web page).
/// Starts after SIP listens; on stop it unregisters (Expires: 0) before SIP stops.
/// </summary>
public sealed class TrunkService(DaemonSettings settings, SipStack stack, CallEngine engine, TimeProvider time) : IHostedService, IDisposable
{
    private TrunkRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Trunk is not { Registers: true } trunk)
        {
            return Task.CompletedTask;
        }

        var sentBy = settings.SipListen.ToString();
        _registration = new TrunkRegistration(
            new TrunkRegistrationOptions
            {
                RegistrarUri = $"sip:{trunk.Domain}",
                AddressOfRecord = $"sip:{trunk.Username}@{trunk.Domain}",
                ContactUri = $"sip:{trunk.Username}@{sentBy}",
                Target = new SipPeer(SipTransportKind.Udp, trunk.Target),
                SentBy = sentBy,
                Username = trunk.Username!,
                Password = trunk.Password!,
                Expires = trunk.Expires,
            },
            stack,
            time);
        engine.ObserveTrunk(_registration);
        _registration.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration?.Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => _registration?.Dispose();
}
