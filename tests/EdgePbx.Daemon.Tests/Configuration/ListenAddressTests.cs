using System.Net;
using EdgePbx.Daemon.Configuration;

namespace EdgePbx.Daemon.Tests.Configuration;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:5060", "127.0.0.1", 5060)]
    [InlineData("0.0.0.0:80", "0.0.0.0", 80)]
    [InlineData("[::1]:5060", "::1", 5060)]
    [InlineData("[::]:5061", "::", 5061)]
    [InlineData("localhost:8080", "127.0.0.1", 8080)]
    [InlineData("*:5060", "0.0.0.0", 5060)]
    public void Parses_host_and_port(string text, string address, int port)
    {
        Assert.True(ListenAddress.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(IPAddress.Parse(address), parsed!.Value.Address);
        Assert.Equal(port, parsed.Value.Port);
    }

    [Theory]
    [InlineData("", "expected HOST:PORT, got an empty value")]
    [InlineData("127.0.0.1", "expected HOST:PORT (IPv6 in brackets), got '127.0.0.1'")]
    [InlineData("::1:5060", "expected HOST:PORT (IPv6 in brackets), got '::1:5060'")]
    [InlineData("[::1]5060", "expected [IPv6]:PORT, got '[::1]5060'")]
    [InlineData("1.2.3:5060", "'1.2.3' is not an IP address (the box binds to its own addresses, not names)")]
    [InlineData("pbx.example.com:5060", "'pbx.example.com' is not an IP address (the box binds to its own addresses, not names)")]
    [InlineData("127.0.0.1:0", "'0' is not a port number (1-65535)")]
    [InlineData("127.0.0.1:65536", "'65536' is not a port number (1-65535)")]
    [InlineData("127.0.0.1:+80", "'+80' is not a port number (1-65535)")]
    public void Rejects_with_a_reason(string text, string reason)
    {
        Assert.False(ListenAddress.TryParse(text, out _, out var error));
        Assert.Equal(reason, error);
    }
}
