using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Sip.Tests.Transport;

public sealed class ThrowingReceiverTests
{
    private sealed class ThrowOnceReceiver : ISipMessageReceiver
    {
        private int _calls;

        public TaskCompletionSource<string> Second { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnMessage(SipInbound inbound)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                throw new InvalidCastException("bug in the layer above");
            }

            Second.TrySetResult(inbound.Message.CallId);
        }
    }

    [Fact]
    public async Task A_throwing_receiver_costs_one_message_not_the_receive_loop()
    {
        await using var layer = new SipTransportLayer(new SipTransportOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, TimeProvider.System, NullLoggerFactory.Instance);
        layer.Bind();
        var receiver = new ThrowOnceReceiver();
        using var cts = new CancellationTokenSource();
        var run = layer.RunAsync(receiver, cts.Token);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        foreach (var id in new[] { "first", "second" })
        {
            await client.SendAsync(Encoding.ASCII.GetBytes(
                $"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK{id}\r\nFrom: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: {id}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                layer.BoundEndPoints[0]);
        }

        Assert.Equal("second", await receiver.Second.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await cts.CancelAsync();
        await layer.DisposeAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
