using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Tests.Stack;

namespace EdgePbx.Sip.Tests.Subscriptions;

/// <summary>SUBSCRIBE through the real stack on loopback UDP: digest like REGISTER, then 200 and the NOTIFY.</summary>
public sealed class SubscribeOverUdpTests
{
    private static byte[] Subscribe(int port, int cseq, string? authorization) => Encoding.ASCII.GetBytes(
        "SUBSCRIBE sip:101@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bKsub{cseq};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:101@127.0.0.1>;tag=ph\r\n" +
        "To: <sip:101@127.0.0.1>\r\n" +
        "Call-ID: subudp-1\r\n" +
        $"CSeq: {cseq} SUBSCRIBE\r\n" +
        $"Contact: <sip:101@127.0.0.1:{port}>\r\n" +
        "Event: message-summary\r\n" +
        "Expires: 600\r\n" +
        (authorization is null ? string.Empty : $"Authorization: {authorization}\r\n") +
        "Content-Length: 0\r\n\r\n");

    private static SipMessage Parse(string text) => SipParser.Parse(Encoding.UTF8.GetBytes(text)).Message!;

    [Fact]
    public async Task Subscribe_is_challenged_then_accepted_and_notified()
    {
        await using var f = new StackFixture();
        f.Stack.Notifier.AddPackage(new TextPackage());
        using var phone = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)phone.Client.LocalEndPoint!).Port;

        await phone.SendAsync(Subscribe(port, 1, null), f.EndPoint);
        var challenge = Parse(await StackFixture.ReceiveAsync(phone));
        Assert.Equal(401, challenge.StatusCode);

        var parsed = DigestChallenge.TryParse(challenge.GetHeader("WWW-Authenticate")!, out _)!;
        var auth = DigestClient.Authorization(parsed, "SUBSCRIBE", "sip:101@127.0.0.1", "101", "secret", 1);
        await phone.SendAsync(Subscribe(port, 2, auth), f.EndPoint);

        var ok = Parse(await StackFixture.ReceiveAsync(phone));
        var notify = Parse(await StackFixture.ReceiveAsync(phone));
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("message-summary", ok.GetHeader("Allow-Events"));
        Assert.Equal("NOTIFY", notify.Method);
        Assert.Equal(ok.ToTag, notify.FromTag);
        Assert.StartsWith("active", notify.GetHeader("Subscription-State"), StringComparison.Ordinal);
        Assert.Equal(1, f.Stack.Notifier.Count);
    }
}
