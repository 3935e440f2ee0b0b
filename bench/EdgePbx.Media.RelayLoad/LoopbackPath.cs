using System.Net;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// The generator on loopback: one unconnected UDP socket sends each slot with sendmmsg(2) (<see cref="SlotSender"/>)
/// and a polling thread receives with kernel receive times (<see cref="BatchReceiver"/>). Without relay ports
/// (--direct) every leg sends to the generator's own socket.
/// </summary>
internal sealed class LoopbackPath : ILoadPath
{
    private readonly GeneratorSocket _socket = new();
    private readonly SlotSender _sender;
    private readonly BatchReceiver _receiver;

    public LoopbackPath(int calls, int[]? relayPorts, int slotCapacity, LatencyHistogram arrival, LatencyHistogram handled, int firstFrame, int endFrame)
    {
        var ports = relayPorts ?? Enumerable.Repeat(_socket.Port, calls * 2).ToArray();
        _sender = new SlotSender(slotCapacity, ports.Select(p => new IPEndPoint(IPAddress.Loopback, p)).ToArray());
        _receiver = new BatchReceiver(_socket, arrival, handled, firstFrame, endFrame);
    }

    public string LatencyMeaning => "to the kernel's receive time at the generator socket (SO_TIMESTAMPNS)";

    public int Count => _sender.Count;

    public long Received => _receiver.Received;

    public long Unstamped => _receiver.Unstamped;

    public void StartReceiving() => _receiver.Start();

    public void StopReceiving() => _receiver.Stop();

    public void Clear() => _sender.Clear();

    public void Add(int leg, int frame) => _sender.Add(leg, frame);

    public void Send() => _sender.Send(_socket);

    public void Dispose()
    {
        _sender.Dispose();
        _socket.Dispose();
    }
}
