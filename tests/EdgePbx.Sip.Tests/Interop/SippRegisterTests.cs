namespace EdgePbx.Sip.Tests.Interop;

using EdgePbx.Sip.Tests.Stack;
using Microsoft.Extensions.Logging;

/// <summary>A real peer (sipp) registers with digest and sends OPTIONS to the stack hosted in-process.</summary>
public sealed class SippRegisterTests
{
    [SippFact]
    public async Task Sipp_registers_with_digest_and_gets_options_answered()
    {
        await using var f = new StackFixture();

        var (exit, output) = await SippRunner.RunAsync(f.EndPoint, "register_digest_options.xml", "-m", "1", "-s", "101", "-au", "101", "-ap", "secret");

        Assert.True(exit == 0, $"sipp exit {exit}: {output}");
        var binding = Assert.Single(f.Stack.Registrar.Lookup("sip:101@127.0.0.1"));
        Assert.StartsWith("sip:101@127.0.0.1:", binding.ContactUri, StringComparison.Ordinal);
    }

    [SippFact]
    public async Task New_contact_is_logged_at_information_and_its_refreshes_at_debug()
    {
        var logging = new RecordingLoggerFactory();
        await using var f = new StackFixture(logging: logging);

        // Three registrations from one port: the first binds the contact, the other two refresh it.
        var (exit, output) = await SippRunner.RunAsync(f.EndPoint, "register_digest_options.xml", "-m", "3", "-s", "101", "-au", "101", "-ap", "secret");

        Assert.True(exit == 0, $"sipp exit {exit}: {output}");
        var registers = logging.Lines.Where(l => l.Message.StartsWith("REGISTER sip:101@127.0.0.1 from Udp:127.0.0.1:", StringComparison.Ordinal)).ToList();
        Assert.True(registers.Count == 3, string.Join("\n", logging.Lines.Select(l => $"{l.Level}: {l.Message}")));
        Assert.Equal([LogLevel.Information, LogLevel.Debug, LogLevel.Debug], registers.Select(l => l.Level));
        Assert.All(registers, l => Assert.EndsWith(": 200 OK", l.Message, StringComparison.Ordinal));
    }

    [SippFact]
    public async Task Sipp_with_the_wrong_password_is_not_registered()
    {
        await using var f = new StackFixture();

        var (exit, _) = await SippRunner.RunAsync(f.EndPoint, "register_digest_options.xml", "-m", "1", "-s", "101", "-au", "101", "-ap", "wrong");

        Assert.NotEqual(0, exit);
        Assert.Empty(f.Stack.Registrar.Lookup("sip:101@127.0.0.1"));
    }
}
