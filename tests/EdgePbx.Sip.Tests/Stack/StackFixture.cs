using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Stack;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Sip.Tests.Stack;

/// <summary>A SipStack on a free loopback port (IPv4 unless told) with one user (101 / secret), running until disposed.</summary>
internal sealed class StackFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _run;

    public StackFixture(ISipRequestHandler? handler = null, TimeProvider? time = null, IPAddress? address = null, QualifyOptions? qualify = null, TransactionTimers? timers = null, ILoggerFactory? logging = null)
    {
        Credentials.Set("101", "secret");
        Stack = new SipStack(
            new SipStackOptions
            {
                Transport = new SipTransportOptions { EndPoint = new IPEndPoint(address ?? IPAddress.Loopback, 0) },
                Qualify = qualify ?? new QualifyOptions(),
                Timers = timers ?? TransactionTimers.Default,
            },
            Bindings, Credentials, handler, time ?? TimeProvider.System, logging ?? NullLoggerFactory.Instance);
        Stack.Bind();
        _run = Stack.RunAsync(_cts.Token);
    }

    public SipStack Stack { get; }

    public InMemoryBindingStore Bindings { get; } = new();

    public InMemoryCredentialStore Credentials { get; } = new();

    public IPEndPoint EndPoint => Stack.BoundEndPoints[0];

    public static async Task<string> ReceiveAsync(UdpClient client)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var r = await client.ReceiveAsync(cts.Token);
        return Encoding.UTF8.GetString(r.Buffer);
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await Stack.DisposeAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(10));
        _cts.Dispose();
    }
}
