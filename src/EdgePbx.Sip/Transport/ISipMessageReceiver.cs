namespace EdgePbx.Sip.Transport;

/// <summary>Where the transport delivers parsed messages. Called on the receive loop: queue, do not block.</summary>
public interface ISipMessageReceiver
{
    void OnMessage(SipInbound inbound);
}
