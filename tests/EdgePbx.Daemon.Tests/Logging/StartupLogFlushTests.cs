using EdgePbx.Daemon.Logging;
using EdgePbx.Daemon.Tests.Support;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Tests.Logging;

public sealed class StartupLogFlushTests
{
    [Fact]
    public async Task Start_writes_the_lines_queued_during_start_up()
    {
        using var output = new RecordingStream();
        using var provider = new BatchedConsoleLoggerProvider(output, new LogBatchOptions { Format = LogFormat.Journal, WriterThread = false });
        provider.CreateLogger("EdgePbx.Test").Write(LogLevel.Information, 40, "Plan in force: built-in demo plan");

        await new StartupLogFlush(provider).StartAsync(CancellationToken.None);

        Assert.Equal("<6>EdgePbx.Test[40] Plan in force: built-in demo plan\n", Assert.Single(output.Writes));
    }
}
