using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Stack;

/// <summary>
/// What the engine implements to receive requests the stack does not answer itself (everything but
/// OPTIONS, REGISTER, CANCEL and transaction-level ACKs). Called on a receive loop: queue the work.
/// </summary>
public interface ISipRequestHandler
{
    /// <summary>A new request (INVITE, BYE, INFO, ...). Answer it with <see cref="SipServerRequest.Respond"/>.</summary>
    void OnRequest(SipServerRequest request);

    /// <summary>The caller cancelled this INVITE; the stack has answered the CANCEL with 200. Answer the INVITE with 487.</summary>
    void OnCancel(SipServerRequest invite);

    /// <summary>An ACK for a 2xx (it belongs to the dialog, not to a transaction).</summary>
    void OnAck(SipInbound ack);
}
