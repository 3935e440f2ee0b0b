using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Stack;

/// <summary>Until the engine is wired: INVITE gets 480 Temporarily Unavailable, anything else 501.</summary>
public sealed class DefaultSipRequestHandler : ISipRequestHandler
{
    public void OnRequest(SipServerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Message.Method == "INVITE")
        {
            request.Respond(480, "Temporarily Unavailable");
        }
        else
        {
            request.Respond(501, "Not Implemented");
        }
    }

    public void OnCancel(SipServerRequest invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        invite.Respond(487, "Request Terminated");
    }

    public void OnAck(SipInbound ack)
    {
    }
}
