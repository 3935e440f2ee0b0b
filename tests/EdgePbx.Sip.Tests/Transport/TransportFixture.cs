using System.Net;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Transport;

/// <summary>A transport bound to a free loopback port, running until disposed.</summary>
internal sealed class TransportFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _run;

    public TransportFixture(IPAddress address, Func<SipTransportOptions, SipTransportOptions>? configure = null)
    {
        var options = new SipTransportOptions { EndPoint = new IPEndPoint(address, 0) };
        Layer = new SipTransportLayer(configure?.Invoke(options) ?? options, Time, NullLoggerFactory.Instance);
        Layer.Bind();
        _run = Layer.RunAsync(Receiver, _cts.Token);
    }

    public FakeTimeProvider Time { get; } = new();

    public SipTransportLayer Layer { get; }

    public CollectingReceiver Receiver { get; } = new();

    public IPEndPoint EndPoint => Layer.BoundEndPoints[0];

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await Layer.DisposeAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(10));
        _cts.Dispose();
    }
}
