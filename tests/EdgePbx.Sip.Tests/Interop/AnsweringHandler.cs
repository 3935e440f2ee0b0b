using System.Collections.Concurrent;
using System.Text;
using EdgePbx.Sip.Stack;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Tests.Interop;

/// <summary>A minimal UAS for interop tests: INVITE gets 180 then 200 with SDP, BYE gets 200.</summary>
internal sealed class AnsweringHandler : ISipRequestHandler
{
    private static readonly byte[] Sdp = Encoding.ASCII.GetBytes(
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n");

    public ConcurrentQueue<string> Seen { get; } = new();

    public void OnRequest(SipServerRequest request)
    {
        Seen.Enqueue(request.Message.Method);
        if (request.Message.Method == "INVITE")
        {
            var contact = new KeyValuePair<string, string>("Contact", $"<sip:uas@{request.Inbound.Local}>");
            request.Respond(180, "Ringing", [contact]);
            request.Respond(200, "OK", [contact], Sdp, "application/sdp");
        }
        else
        {
            request.Respond(200, "OK");
        }
    }

    public void OnCancel(SipServerRequest invite) => invite.Respond(487, "Request Terminated");

    public void OnAck(SipInbound ack) => Seen.Enqueue("ACK");
}
