using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgePbx.Media.Tests.Interop;

/// <summary>
/// Just enough of a SIP UAC (RFC 3261 over UDP, on loopback) to set up one call with a sipp UAS: INVITE with
/// an SDP offer naming our RTP port, ACK of the 200, BYE. The media side under test is ours; this is signalling.
/// </summary>
internal sealed class SipCaller : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly string _callId = Guid.NewGuid().ToString("N");
    private readonly int _remotePort;
    private string _toWithTag = "";

    public SipCaller(int sippPort)
    {
        _remotePort = sippPort;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.Connect(new IPEndPoint(IPAddress.Loopback, sippPort));
        _socket.ReceiveTimeout = 10_000;
    }

    private int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Sends the INVITE and waits for the 200 (skipping provisional answers); returns the SDP answer.</summary>
    public string Invite(int rtpPort)
    {
        var sdp = $"v=0\r\no=test 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {rtpPort} RTP/AVP 0 101\r\n" +
            "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n";
        Send("INVITE", 1, "To: <sip:sipp@127.0.0.1>", "Content-Type: application/sdp\r\n", sdp);
        var buffer = new byte[65535];
        while (true)
        {
            var text = Encoding.ASCII.GetString(buffer, 0, _socket.Receive(buffer));
            if (text.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.StartsWith("SIP/2.0 200", text);
            _toWithTag = text.Split("\r\n").First(l => l.StartsWith("To:", StringComparison.OrdinalIgnoreCase));
            Send("ACK", 1, _toWithTag, "", "");
            return text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        }
    }

    public void Bye()
    {
        Send("BYE", 2, _toWithTag, "", "");
        var buffer = new byte[65535];
        Assert.StartsWith("SIP/2.0 200", Encoding.ASCII.GetString(buffer, 0, _socket.Receive(buffer)));
    }

    public void Dispose() => _socket.Dispose();

    private void Send(string method, int cseq, string to, string extraHeaders, string body)
    {
        var message =
            $"{method} sip:sipp@127.0.0.1:{_remotePort} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.1:{LocalPort};branch=z9hG4bK{Guid.NewGuid():N}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:test@127.0.0.1:{LocalPort}>;tag=edgepbx1\r\n" +
            $"{to}\r\n" +
            $"Call-ID: {_callId}\r\n" +
            $"CSeq: {cseq} {method}\r\n" +
            $"Contact: <sip:test@127.0.0.1:{LocalPort}>\r\n" +
            extraHeaders +
            $"Content-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n{body}";
        _socket.Send(Encoding.ASCII.GetBytes(message));
    }
}
