using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Transactions;

/// <summary>How a transaction puts bytes on the wire; returns false if the transport failed at once.</summary>
public interface ISipSender
{
    bool Send(ReadOnlyMemory<byte> data, SipPeer target);
}
