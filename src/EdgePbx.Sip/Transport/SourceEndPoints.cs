using System.Net;
using System.Net.Sockets;

namespace EdgePbx.Sip.Transport;

/// <summary>
/// The endpoints datagrams came from, kept so that one source gets one <see cref="IPEndPoint"/>: a box hears from a
/// few peers (its carrier, its phones) over and over, and an endpoint made per datagram (an IPEndPoint and its
/// IPAddress) was garbage at once, or, held by the transaction it started, lived up to 32 s (RFC 3261 17: about
/// 11,000 of each in the heap at 100 calls/s). Direct-mapped on a hash of the address bytes: a source that collides
/// with another only costs a new endpoint. Used by one receive thread; not thread-safe.
/// IPv4 peers on a dual-stack socket come back as IPv4 endpoints (as every endpoint of the stack is compared).
/// </summary>
internal sealed class SourceEndPoints
{
    private const int Slots = 64;

    private readonly SocketAddress?[] _addresses = new SocketAddress?[Slots];
    private readonly IPEndPoint?[] _endPoints = new IPEndPoint?[Slots];
    private readonly IPEndPoint _template;

    public SourceEndPoints(AddressFamily family)
    {
        _template = new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    }

    /// <summary>The endpoint of <paramref name="source"/>: the one handed out for it before when it is still in its slot.</summary>
    public IPEndPoint Get(SocketAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var bytes = source.Buffer.Span[..source.Size];
        var slot = (int)((uint)HashCode(bytes) % Slots);
        if (_addresses[slot] is { } known && known.Buffer.Span[..known.Size].SequenceEqual(bytes))
        {
            return _endPoints[slot]!;
        }

        var endPoint = SipTransportLayer.Normalize((IPEndPoint)_template.Create(source));
        var copy = new SocketAddress(source.Family, source.Size);
        bytes.CopyTo(copy.Buffer.Span);
        _addresses[slot] = copy;
        _endPoints[slot] = endPoint;
        return endPoint;
    }

    private static int HashCode(ReadOnlySpan<byte> bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
