namespace EdgePbx.Sip.Tests.Interop;

using System.Net;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Tests.Stack;
using EdgePbx.Sip.Transactions;

/// <summary>
/// OPTIONS qualify against real phones: sipp registers with digest from a port, then a sipp UAS on that
/// port answers the stack's OPTIONS (reachable) or takes them and stays silent (unreachable after timer F).
/// Qualify every second and T1 = 50 ms (timer F = 3.2 s) keep the test short.
/// </summary>
public sealed class SippQualifyTests
{
    private static readonly QualifyOptions EverySecond = new() { Interval = TimeSpan.FromSeconds(1) };
    private static readonly TransactionTimers Quick = new() { T1 = TimeSpan.FromMilliseconds(50), T2 = TimeSpan.FromMilliseconds(400) };

    [SippFact]
    public async Task Registered_sipp_that_answers_options_is_reachable()
    {
        await using var f = new StackFixture(qualify: EverySecond, timers: Quick);
        var (port, binding) = await RegisterAsync(f);

        var (exit, output) = await SippRunner.RunAsync(f.EndPoint, "options_uas_answers.xml", "-p", port, "-m", "2");

        Assert.True(exit == 0, $"sipp UAS (answers 2 OPTIONS) exit {exit}: {output}");
        Assert.Equal(ContactReachability.Reachable, f.Stack.Qualifier.Reachability(binding));
        Assert.True(f.Stack.Qualifier.IsReachable(binding));
    }

    [SippFact]
    public async Task Registered_sipp_that_never_answers_options_is_unreachable()
    {
        await using var f = new StackFixture(qualify: EverySecond, timers: Quick);
        var (port, binding) = await RegisterAsync(f);

        // sipp takes one OPTIONS and stays 6 s without answering it or its retransmissions: longer than timer F.
        var (exit, output) = await SippRunner.RunAsync(f.EndPoint, "options_uas_silent.xml", "-p", port, "-m", "1");

        Assert.True(exit == 0, $"sipp UAS (takes an OPTIONS, stays silent) exit {exit}: {output}");
        Assert.Equal(ContactReachability.Unreachable, f.Stack.Qualifier.Reachability(binding));
        Assert.False(f.Stack.Qualifier.IsReachable(binding));
    }

    private static async Task<(string Port, SipBinding Binding)> RegisterAsync(StackFixture f)
    {
        var port = SippRunner.FreePort(IPAddress.Loopback);
        var (exit, output) = await SippRunner.RunAsync(f.EndPoint, "register_digest_options.xml", "-p", port, "-m", "1", "-s", "101", "-au", "101", "-ap", "secret");
        Assert.True(exit == 0, $"sipp register exit {exit}: {output}");
        var binding = Assert.Single(f.Stack.Registrar.Current());
        Assert.Equal($"sip:101@127.0.0.1:{port}", binding.ContactUri);
        return (port, binding);
    }
}
