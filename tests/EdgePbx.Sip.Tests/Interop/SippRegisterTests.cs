namespace EdgePbx.Sip.Tests.Interop;

using EdgePbx.Sip.Tests.Stack;

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
    public async Task Sipp_with_the_wrong_password_is_not_registered()
    {
        await using var f = new StackFixture();

        var (exit, _) = await SippRunner.RunAsync(f.EndPoint, "register_digest_options.xml", "-m", "1", "-s", "101", "-au", "101", "-ap", "wrong");

        Assert.NotEqual(0, exit);
        Assert.Empty(f.Stack.Registrar.Lookup("sip:101@127.0.0.1"));
    }
}
