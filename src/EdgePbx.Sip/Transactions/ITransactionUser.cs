using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Transactions;

/// <summary>What a transaction tells the layer above it (RFC 3261 17: the TU).</summary>
public interface ITransactionUser
{
    /// <summary>A response a client transaction passes up (retransmissions it absorbs are not passed).</summary>
    void OnResponse(SipTransaction transaction, SipMessage response);

    /// <summary>An ACK that RFC 6026 says goes to the TU (server INVITE in Accepted).</summary>
    void OnAck(SipTransaction transaction, SipMessage ack);

    /// <summary>Timer B, F or H fired: the peer never answered (or never ACKed).</summary>
    void OnTimeout(SipTransaction transaction);

    void OnTransportError(SipTransaction transaction);

    void OnTerminated(SipTransaction transaction);
}
