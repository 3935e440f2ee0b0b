using System.Net;

namespace EdgePbx.Sip.Transport;

/// <summary>The other end of a message: transport, address and, for TCP, the connection it used (0 = any/new).</summary>
public readonly record struct SipPeer(SipTransportKind Transport, IPEndPoint EndPoint, long ConnectionId = 0)
{
    public bool IsReliable => Transport == SipTransportKind.Tcp;

    public override string ToString() => $"{Transport}:{EndPoint}";
}
