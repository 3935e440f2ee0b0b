using EdgePbx.Daemon.Cli;

namespace EdgePbx.Daemon.Tests.Cli;

public sealed class CommandLineAppTests
{
    [Theory]
    [InlineData(new string[0], new[] { "run" })]
    [InlineData(new[] { "--data", "x" }, new[] { "run", "--data", "x" })]
    [InlineData(new[] { "run", "--sip", "127.0.0.1:5070" }, new[] { "run", "--sip", "127.0.0.1:5070" })]
    [InlineData(new[] { "version" }, new[] { "version" })]
    [InlineData(new[] { "--help" }, new[] { "--help" })]
    public void Run_is_the_default_verb(string[] args, string[] expected)
    {
        Assert.Equal(expected, CommandLineApp.WithDefaultVerb(args));
    }

    [Fact]
    public async Task Unknown_option_of_run_is_a_usage_error_not_a_start()
    {
        int code = await CommandLineApp.InvokeAsync(["run", "--sipp", "127.0.0.1:5070"]);
        Assert.NotEqual(0, code);
    }
}
