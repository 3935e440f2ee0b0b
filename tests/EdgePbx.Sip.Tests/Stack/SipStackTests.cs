using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Tests.Stack;

public sealed class SipStackTests
{
    private static byte[] Request(string method, string callId, string branch, string extra = "", int cseq = 1, string cseqMethod = "") => Encoding.ASCII.GetBytes(
        $"{method} sip:101@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:5999;branch={branch};rport\r\n" +
        "From: <sip:probe@example.com>;tag=p1\r\n" +
        "To: <sip:101@127.0.0.1>\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: {cseq} {(cseqMethod.Length > 0 ? cseqMethod : method)}\r\n" +
        extra +
        "Content-Length: 0\r\n\r\n");

    private static SipMessage Parse(string text) => SipParser.Parse(Encoding.UTF8.GetBytes(text)).Message!;

    [Fact]
    public async Task Options_is_answered_200_with_allow()
    {
        await using var f = new StackFixture();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Request("OPTIONS", "o1", "z9hG4bKo1", "Max-Forwards: 70\r\n"), f.EndPoint);

        var response = Parse(await StackFixture.ReceiveAsync(client));

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("REGISTER", response.GetHeader("Allow"), StringComparison.Ordinal);
        Assert.Equal("o1", response.CallId);
        Assert.NotNull(response.ToTag);
    }

    [Fact]
    public async Task Invite_gets_100_trying_then_480_from_the_default_handler()
    {
        await using var f = new StackFixture();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Request("INVITE", "i1", "z9hG4bKi1", "Max-Forwards: 70\r\n"), f.EndPoint);

        Assert.Equal(100, Parse(await StackFixture.ReceiveAsync(client)).StatusCode);
        Assert.Equal(480, Parse(await StackFixture.ReceiveAsync(client)).StatusCode);
    }

    [Fact]
    public async Task Unknown_method_gets_501_from_the_default_handler()
    {
        await using var f = new StackFixture();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Request("MESSAGE", "m1", "z9hG4bKm1", "Max-Forwards: 70\r\n"), f.EndPoint);

        Assert.Equal(501, Parse(await StackFixture.ReceiveAsync(client)).StatusCode);
    }

    [Fact]
    public async Task Cancel_of_a_pending_invite_gets_200_and_the_invite_487()
    {
        await using var f = new StackFixture(new HoldingHandler());
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Request("INVITE", "c1", "z9hG4bKc1", "Max-Forwards: 70\r\n"), f.EndPoint);
        Assert.Equal(100, Parse(await StackFixture.ReceiveAsync(client)).StatusCode);

        await client.SendAsync(Request("CANCEL", "c1", "z9hG4bKc1", "Max-Forwards: 70\r\n"), f.EndPoint);

        var responses = new[] { Parse(await StackFixture.ReceiveAsync(client)), Parse(await StackFixture.ReceiveAsync(client)) };
        Assert.Contains(responses, r => r.StatusCode == 200 && r.Method == "CANCEL");
        Assert.Contains(responses, r => r.StatusCode == 487 && r.Method == "INVITE");
    }

    [Fact]
    public async Task Cancel_without_a_matching_invite_gets_481()
    {
        await using var f = new StackFixture();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Request("CANCEL", "x1", "z9hG4bKnone", "Max-Forwards: 70\r\n"), f.EndPoint);

        Assert.Equal(481, Parse(await StackFixture.ReceiveAsync(client)).StatusCode);
    }

    [Fact]
    public async Task Invite_with_max_forwards_zero_gets_483()
    {
        await using var f = new StackFixture(new HoldingHandler());
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Request("INVITE", "z1", "z9hG4bKz1", "Max-Forwards: 0\r\n"), f.EndPoint);

        Assert.Equal(100, Parse(await StackFixture.ReceiveAsync(client)).StatusCode);
        Assert.Equal(483, Parse(await StackFixture.ReceiveAsync(client)).StatusCode);
    }

    [Fact]
    public async Task Merged_request_on_a_second_branch_gets_482()
    {
        var handler = new HoldingHandler();
        await using var f = new StackFixture(handler);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Request("INFO", "l1", "z9hG4bKpath1", "Max-Forwards: 70\r\n"), f.EndPoint);
        await client.SendAsync(Request("INFO", "l1", "z9hG4bKpath2", "Max-Forwards: 70\r\n"), f.EndPoint);

        var response = Parse(await StackFixture.ReceiveAsync(client));

        Assert.Equal(482, response.StatusCode);
        Assert.Equal("z9hG4bKpath2", response.TopBranch);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Same_request_on_a_new_branch_after_the_first_transaction_ended_is_not_merged()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var handler = new HoldingHandler();
        await using var f = new StackFixture(handler, time);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Request("INFO", "m1", "z9hG4bKfirst", "Max-Forwards: 70\r\n"), f.EndPoint);
        Assert.True(SpinWait.SpinUntil(() => !handler.Requests.IsEmpty, TimeSpan.FromSeconds(5)));
        Assert.True(handler.Requests.TryDequeue(out var first));
        first.Respond(200, "OK");
        Assert.Equal(200, Parse(await StackFixture.ReceiveAsync(client)).StatusCode);

        // RFC 3261 17.2.2: timer J (64*T1 over UDP) ends the first transaction.
        time.Advance(TimeSpan.FromSeconds(33));
        await client.SendAsync(Request("INFO", "m1", "z9hG4bKsecond", "Max-Forwards: 70\r\n"), f.EndPoint);

        Assert.True(SpinWait.SpinUntil(() => !handler.Requests.IsEmpty, TimeSpan.FromSeconds(5)), "the new transaction was taken as merged");
        Assert.True(handler.Requests.TryDequeue(out var second));
        Assert.Equal("z9hG4bKsecond", second.Message.TopBranch);
    }

    [Fact]
    public async Task Retransmitted_request_reaches_the_handler_once()
    {
        var handler = new HoldingHandler();
        await using var f = new StackFixture(handler);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var info = Request("INFO", "r1", "z9hG4bKr1", "Max-Forwards: 70\r\n");
        await client.SendAsync(info, f.EndPoint);
        await client.SendAsync(info, f.EndPoint);
        await client.SendAsync(Request("OPTIONS", "r2", "z9hG4bKr2", "Max-Forwards: 70\r\n"), f.EndPoint);

        Assert.Equal("r2", Parse(await StackFixture.ReceiveAsync(client)).CallId);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Scanner_user_agent_is_dropped_without_an_answer()
    {
        await using var f = new StackFixture();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Request("OPTIONS", "scan", "z9hG4bKs1", "Max-Forwards: 70\r\nUser-Agent: friendly-scanner\r\n"), f.EndPoint);
        await client.SendAsync(Request("OPTIONS", "after", "z9hG4bKs2", "Max-Forwards: 70\r\n"), f.EndPoint);

        Assert.Equal("after", Parse(await StackFixture.ReceiveAsync(client)).CallId);
    }

    [Fact]
    public async Task Hostile_datagrams_and_tcp_streams_do_not_stop_options_being_answered()
    {
        await using var f = new StackFixture();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var junk = new List<byte[]>
        {
            new byte[] { 0, 1, 2, 3, 255 },
            Encoding.ASCII.GetBytes("INVITE sip:x SIP/2.0\r\n\r\n"),
            Encoding.ASCII.GetBytes("SIP/2.0 999999 no\r\n\r\n"),
            Encoding.ASCII.GetBytes(new string('A', 60_000)),
            Encoding.ASCII.GetBytes("OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP [::1;branch=1\r\nCSeq: 1 OPTIONS\r\n\r\n"),
        };
        junk.AddRange(Directory.EnumerateFiles(TestData.Rfc4475Directory, "*.dat").Select(File.ReadAllBytes));
        var random = new Random(4475);
        for (var i = 0; i < 50; i++)
        {
            var b = new byte[random.Next(1, 1500)];
            random.NextBytes(b);
            junk.Add(b);
        }

        foreach (var j in junk)
        {
            await client.SendAsync(j, f.EndPoint);
        }

        foreach (var j in junk.Take(10))
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(f.EndPoint);
            await tcp.GetStream().WriteAsync(j);
        }

        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await probe.SendAsync(Request("OPTIONS", "alive", "z9hG4bKalive", "Max-Forwards: 70\r\n"), f.EndPoint);
        var response = Parse(await StackFixture.ReceiveAsync(probe));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("alive", response.CallId);
    }

    [Fact]
    public async Task Register_without_credentials_is_challenged_401()
    {
        await using var f = new StackFixture();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var register = Encoding.ASCII.GetString(Request("REGISTER", "g1", "z9hG4bKg1", "Max-Forwards: 70\r\nContact: <sip:101@127.0.0.1:5999>\r\n"))
            .Replace("To: <sip:101@127.0.0.1>", "To: <sip:101@127.0.0.1>", StringComparison.Ordinal);
        await client.SendAsync(Encoding.ASCII.GetBytes(register), f.EndPoint);

        var response = Parse(await StackFixture.ReceiveAsync(client));

        Assert.Equal(401, response.StatusCode);
        Assert.StartsWith("Digest realm=\"edgepbx\"", response.GetHeader("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.Empty(f.Bindings.GetBindings("sip:101@127.0.0.1"));
    }

    [Fact]
    public async Task Stack_reports_address_in_use()
    {
        await using var f = new StackFixture();
        await using var second = new EdgePbx.Sip.Stack.SipStack(
            new EdgePbx.Sip.Stack.SipStackOptions { Transport = new SipTransportOptions { EndPoint = f.EndPoint } },
            new EdgePbx.Sip.Registration.InMemoryBindingStore(), new EdgePbx.Sip.Auth.InMemoryCredentialStore(), null,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Assert.Equal(SocketError.AddressAlreadyInUse, Assert.Throws<SocketException>(second.Bind).SocketErrorCode);
    }
}
