namespace EdgePbx.Sip.Tests.Interop;

using System.Net;
using EdgePbx.Sip.Tests.Stack;

/// <summary>
/// sipp over IPv6 loopback (RFC 5118) against the stack listening on [::1]: REGISTER with digest and
/// OPTIONS over UDP and TCP, the 200 echoing the bracketed Via sent-by and listing the bracketed contact,
/// and calls through the transactions.
/// </summary>
public sealed class SippIpv6Tests
{
    [SippFact]
    public Task Sipp_registers_over_ipv6_udp_with_bracketed_via_and_contact() => RegistersOver("u1", "UDP");

    [SippFact]
    public Task Sipp_registers_over_ipv6_tcp_with_bracketed_via_and_contact() => RegistersOver("t1", "TCP");

    [SippFact]
    public Task Sipp_uac_completes_invite_ack_bye_calls_over_ipv6_udp() => CallsOver("u1");

    [SippFact]
    public Task Sipp_uac_completes_invite_ack_bye_calls_over_ipv6_tcp() => CallsOver("t1");

    private static async Task RegistersOver(string sippTransport, string transport)
    {
        await using var f = new StackFixture(address: IPAddress.IPv6Loopback);
        Assert.Equal(IPAddress.IPv6Loopback, f.EndPoint.Address);

        var (exit, output) = await SippRunner.RunAsync(f.EndPoint, "register_options_ipv6.xml", "-t", sippTransport, "-m", "1", "-s", "101", "-au", "101", "-ap", "secret");

        Assert.True(exit == 0, $"sipp exit {exit}: {output}");
        var aor = $"sip:101@[::1]";
        var binding = Assert.Single(f.Stack.Registrar.Lookup(aor));
        Assert.Matches(@"^sip:101@\[::1\]:[0-9]+;transport=" + transport + "$", binding.ContactUri);
        Assert.Matches(@"^" + transport + @":\[::1\]:[0-9]+$", binding.Source);
    }

    private static async Task CallsOver(string sippTransport)
    {
        var handler = new AnsweringHandler();
        await using var f = new StackFixture(handler, address: IPAddress.IPv6Loopback);

        var (exit, output) = await SippRunner.RunAsync(f.EndPoint, null, "-t", sippTransport, "-sn", "uac", "-s", "500", "-m", "3", "-d", "100");

        Assert.True(exit == 0, $"sipp exit {exit}: {output}");
        Assert.Equal(3, handler.Seen.Count(m => m == "INVITE"));
        Assert.Equal(3, handler.Seen.Count(m => m == "ACK"));
        Assert.Equal(3, handler.Seen.Count(m => m == "BYE"));
    }
}
