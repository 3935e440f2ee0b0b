using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Transport;

public sealed class SipTransportLayerTests
{
    private static string Options(string branch = "z9hG4bKt1", string via = "SIP/2.0/UDP 127.0.0.1:5999", string extra = "") =>
        "OPTIONS sip:edge@127.0.0.1 SIP/2.0\r\n" +
        $"Via: {via};branch={branch};rport\r\n" +
        "From: <sip:probe@example.com>;tag=p1\r\n" +
        "To: <sip:edge@127.0.0.1>\r\n" +
        $"Call-ID: {branch}@probe\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Max-Forwards: 70\r\n" + extra +
        "Content-Length: 0\r\n\r\n";

    private static async Task<string> ReceiveTextAsync(UdpClient client)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var r = await client.ReceiveAsync(cts.Token);
        return Encoding.UTF8.GetString(r.Buffer);
    }

    [Fact]
    public async Task Bind_reports_address_in_use_when_the_port_is_taken()
    {
        await using var first = new TransportFixture(IPAddress.Loopback);
        await using var second = new SipTransportLayer(
            new SipTransportOptions { EndPoint = first.EndPoint }, TimeProvider.System, NullLoggerFactory.Instance);
        var e = Assert.Throws<SocketException>(second.Bind);
        Assert.Equal(SocketError.AddressAlreadyInUse, e.SocketErrorCode);
    }

    [Fact]
    public async Task A_fixed_port_taken_for_tcp_alone_is_reported_and_leaves_its_udp_port_free()
    {
        // Another program listens on TCP only: the bind fails as a whole, and the UDP socket it had bound is closed.
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;
        await using var layer = new SipTransportLayer(
            new SipTransportOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, port) }, TimeProvider.System, NullLoggerFactory.Instance);

        var e = Assert.Throws<SocketException>(layer.Bind);

        Assert.Equal(SocketError.AddressAlreadyInUse, e.SocketErrorCode);
        Assert.Empty(layer.BoundEndPoints);
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Udp_request_is_parsed_and_delivered_with_its_source()
    {
        await using var t = new TransportFixture(IPAddress.Loopback);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Encoding.ASCII.GetBytes(Options()), t.EndPoint);

        var inbound = await t.Receiver.NextAsync();

        Assert.Equal("OPTIONS", inbound.Message.Method);
        Assert.Equal(SipTransportKind.Udp, inbound.Source.Transport);
        Assert.Equal(client.Client.LocalEndPoint, inbound.Source.EndPoint);
    }

    [Fact]
    public async Task Udp_response_goes_back_to_the_rport_source_port()
    {
        await using var t = new TransportFixture(IPAddress.Loopback);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Encoding.ASCII.GetBytes(Options()), t.EndPoint);
        var inbound = await t.Receiver.NextAsync();

        var response = SipMessageBuilder.Response(200, "OK").Add("Via", inbound.TopViaForResponse()).ToBytes();
        Assert.True(await t.Layer.SendResponseAsync(inbound, response, CancellationToken.None));

        var text = await ReceiveTextAsync(client);
        var port = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
        Assert.Contains($"rport={port}", text, StringComparison.Ordinal);
        Assert.Contains("received=127.0.0.1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_udp_request_is_answered_400_with_the_reason()
    {
        await using var t = new TransportFixture(IPAddress.Loopback);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var bad = Options().Replace(";rport", ";;rport", StringComparison.Ordinal);
        await client.SendAsync(Encoding.ASCII.GetBytes(bad), t.EndPoint);

        var text = await ReceiveTextAsync(client);

        Assert.StartsWith("SIP/2.0 400 Via: empty parameter at byte ", text, StringComparison.Ordinal);
        Assert.Contains("Call-ID: z9hG4bKt1@probe", text, StringComparison.Ordinal);
        Assert.False(t.Receiver.TryTake(out _));
    }

    [Fact]
    public async Task Udp_over_ipv6_loopback_is_delivered()
    {
        await using var t = new TransportFixture(IPAddress.IPv6Loopback);
        using var client = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        await client.SendAsync(Encoding.ASCII.GetBytes(Options(via: "SIP/2.0/UDP [::1]:5999")), t.EndPoint);

        var inbound = await t.Receiver.NextAsync();

        Assert.Equal("[::1]", inbound.Message.TopVia.Host);
        Assert.Equal(AddressFamily.InterNetworkV6, inbound.Source.EndPoint.AddressFamily);
    }

    [Fact]
    public async Task Tcp_stream_is_framed_by_content_length_across_writes()
    {
        await using var t = new TransportFixture(IPAddress.Loopback);
        using var client = new TcpClient();
        await client.ConnectAsync(t.EndPoint);
        var stream = client.GetStream();
        var two = Encoding.ASCII.GetBytes(Options("z9hG4bKa", "SIP/2.0/TCP 127.0.0.1") + Options("z9hG4bKb", "SIP/2.0/TCP 127.0.0.1"));
        var third = Encoding.ASCII.GetBytes(Options("z9hG4bKc", "SIP/2.0/TCP 127.0.0.1", "Content-Type: text/plain\r\n").Replace("Content-Length: 0", "Content-Length: 5", StringComparison.Ordinal) + "hello");
        await stream.WriteAsync(two);
        await stream.WriteAsync(third.AsMemory(0, 40));
        await stream.FlushAsync();
        var a = await t.Receiver.NextAsync();
        var b = await t.Receiver.NextAsync();
        await stream.WriteAsync(third.AsMemory(40));
        var c = await t.Receiver.NextAsync();

        Assert.Equal(["z9hG4bKa", "z9hG4bKb", "z9hG4bKc"], new[] { a, b, c }.Select(i => i.Message.TopBranch));
        Assert.Equal("hello", Encoding.ASCII.GetString(c.Message.Body.Span));
        Assert.Equal(SipTransportKind.Tcp, c.Source.Transport);
    }

    [Fact]
    public async Task Tcp_response_uses_the_connection_the_request_came_on()
    {
        await using var t = new TransportFixture(IPAddress.Loopback);
        using var client = new TcpClient();
        await client.ConnectAsync(t.EndPoint);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Options(via: "SIP/2.0/TCP 192.0.2.1:5070")));
        var inbound = await t.Receiver.NextAsync();

        await t.Layer.SendResponseAsync(inbound, SipMessageBuilder.ResponseTo(inbound.Message, 200, "OK").ToBytes(), CancellationToken.None);

        var buffer = new byte[2048];
        var n = await client.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("SIP/2.0 200 OK", Encoding.ASCII.GetString(buffer, 0, n), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tcp_double_crlf_ping_gets_a_crlf_pong()
    {
        await using var t = new TransportFixture(IPAddress.Loopback);
        using var client = new TcpClient();
        await client.ConnectAsync(t.EndPoint);
        await client.GetStream().WriteAsync("\r\n\r\n"u8.ToArray());

        var buffer = new byte[8];
        var n = await client.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("\r\n", Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public async Task Tcp_stream_without_content_length_gets_400_and_is_closed()
    {
        await using var t = new TransportFixture(IPAddress.Loopback);
        using var client = new TcpClient();
        await client.ConnectAsync(t.EndPoint);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Options(via: "SIP/2.0/TCP 127.0.0.1").Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal)));

        var text = await ReadToEndAsync(client);

        Assert.StartsWith("SIP/2.0 400 missing Content-Length on a stream transport", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Idle_tcp_connection_is_closed_after_the_idle_timeout()
    {
        await using var t = new TransportFixture(IPAddress.Loopback, o => o with { TcpIdleTimeout = TimeSpan.FromSeconds(30) });
        using var client = new TcpClient();
        await client.ConnectAsync(t.EndPoint);

        Assert.True(await ClosesWhenTimeAdvancesAsync(t.Time, client, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Slow_tcp_message_is_closed_after_the_message_timeout_even_if_bytes_trickle()
    {
        await using var t = new TransportFixture(IPAddress.Loopback, o => o with { TcpIdleTimeout = TimeSpan.FromHours(1), TcpMessageTimeout = TimeSpan.FromSeconds(5) });
        using var client = new TcpClient();
        await client.ConnectAsync(t.EndPoint);
        await client.GetStream().WriteAsync("OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TCP a\r\n"u8.ToArray());

        Assert.True(await ClosesWhenTimeAdvancesAsync(t.Time, client, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Tcp_connection_is_not_closed_before_the_idle_timeout()
    {
        await using var t = new TransportFixture(IPAddress.Loopback, o => o with { TcpIdleTimeout = TimeSpan.FromSeconds(30) });
        using var client = new TcpClient();
        await client.ConnectAsync(t.EndPoint);
        await client.GetStream().WriteAsync("\r\n\r\n"u8.ToArray());
        var buffer = new byte[8];
        await client.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        t.Time.Advance(TimeSpan.FromSeconds(29));

        await client.GetStream().WriteAsync("\r\n\r\n"u8.ToArray());
        var n = await client.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, n);
    }

    /// <summary>
    /// The connection arms its timer only once its read is pending, which this test cannot observe
    /// directly; so it advances the fake clock in steps of the timeout until the server closes
    /// (a read returns 0), giving up after a bounded number of tries.
    /// </summary>
    private static async Task<bool> ClosesWhenTimeAdvancesAsync(FakeTimeProvider time, TcpClient client, TimeSpan step)
    {
        var buffer = new byte[64];
        var read = client.GetStream().ReadAsync(buffer).AsTask();
        for (var i = 0; i < 100; i++)
        {
            time.Advance(step);
            if (await Task.WhenAny(read, Task.Delay(50)) == read)
            {
                return await read == 0;
            }
        }

        return false;
    }

    private static async Task<string> ReadToEndAsync(TcpClient client)
    {
        var ms = new MemoryStream();
        await client.GetStream().CopyToAsync(ms).WaitAsync(TimeSpan.FromSeconds(10));
        return Encoding.ASCII.GetString(ms.ToArray());
    }
}
