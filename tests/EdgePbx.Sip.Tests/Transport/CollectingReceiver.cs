using System.Threading.Channels;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Tests.Transport;

/// <summary>Test receiver: queues what the transport delivers.</summary>
internal sealed class CollectingReceiver : ISipMessageReceiver
{
    private readonly Channel<SipInbound> _channel = Channel.CreateUnbounded<SipInbound>();

    public void OnMessage(SipInbound inbound) => _channel.Writer.TryWrite(inbound);

    public async Task<SipInbound> NextAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _channel.Reader.ReadAsync(cts.Token);
    }

    public bool TryTake(out SipInbound? inbound) => _channel.Reader.TryRead(out inbound);
}
