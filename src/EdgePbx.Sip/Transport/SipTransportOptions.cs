using System.Net;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Transport;

/// <summary>Where to listen and the limits that keep hostile peers from exhausting the box.</summary>
public sealed record SipTransportOptions
{
    /// <summary>UDP and TCP bind here. IPv6Any listens on IPv4 too (dual mode); port 0 picks a free port.</summary>
    public required IPEndPoint EndPoint { get; init; }

    /// <summary>More addresses to listen on (e.g. one IPv4 and one IPv6 address).</summary>
    public IReadOnlyList<IPEndPoint> AdditionalEndPoints { get; init; } = [];

    public SipParserLimits Limits { get; init; } = SipParserLimits.Default;

    /// <summary>A TCP connection with no bytes for this long is closed.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A started TCP message must be complete within this (slow-loris defence).</summary>
    public TimeSpan TcpMessageTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxTcpConnections { get; init; } = 256;
}
