using System.Collections.Concurrent;
using EdgePbx.Sip.Stack;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Tests.Stack;

/// <summary>Keeps requests unanswered (like an engine still ringing phones); answers CANCELled INVITEs with 487.</summary>
internal sealed class HoldingHandler : ISipRequestHandler
{
    public ConcurrentQueue<SipServerRequest> Requests { get; } = new();

    public void OnRequest(SipServerRequest request) => Requests.Enqueue(request);

    public void OnCancel(SipServerRequest invite) => invite.Respond(487, "Request Terminated");

    public void OnAck(SipInbound ack)
    {
    }
}
