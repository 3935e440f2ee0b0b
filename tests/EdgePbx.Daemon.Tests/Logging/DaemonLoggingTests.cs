using EdgePbx.Daemon.Logging;
using EdgePbx.Daemon.Tests.Support;
using EdgePbx.Web;
using EdgePbx.Web.Logs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Daemon.Tests.Logging;

/// <summary>The daemon's logging as DaemonHost wires it: AddDaemonLogging, then the web layer's AddInstallerWeb.</summary>
public sealed class DaemonLoggingTests : IDisposable
{
    private readonly RecordingStream _output = new();
    private readonly ServiceProvider _services;

    public DaemonLoggingTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero)));
        services.AddLogging(logging => logging.AddDaemonLogging(
            LogLevel.Information, () => _output, new LogBatchOptions { Format = LogFormat.Journal, WriterThread = false, MaxQueuedLines = 5 }));
        services.AddInstallerWeb();
        _services = services.BuildServiceProvider();
    }

    private RecentLog Recent => _services.GetRequiredService<RecentLog>();

    public void Dispose()
    {
        _services.Dispose();
        _output.Dispose();
    }

    [Fact]
    public void Each_line_is_formatted_once_for_standard_output_and_the_recent_log()
    {
        var logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgePbx.Switchboard.Engine.CallEngine");
        var formatted = 0;

        logger.Log(LogLevel.Information, new EventId(40), "Call 12 ended", null, (text, _) =>
        {
            formatted++;
            return text;
        });
        Flush();

        Assert.Equal(1, formatted);
        Assert.Equal("<6>EdgePbx.Switchboard.Engine.CallEngine[40] Call 12 ended\n", _output.Text);
        var line = Assert.Single(Recent.Recent());
        Assert.Equal(new RecentLog.LogLine(new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero), LogLevel.Information, "CallEngine", "Call 12 ended"), line);
    }

    [Fact]
    public void The_console_provider_is_the_only_logger_provider()
    {
        var provider = Assert.Single(_services.GetServices<ILoggerProvider>());
        Assert.Same(_services.GetRequiredService<BatchedConsoleLoggerProvider>(), provider);
    }

    [Fact]
    public void The_recent_log_gets_the_lines_standard_output_gets_after_the_same_levels_and_filters()
    {
        var factory = _services.GetRequiredService<ILoggerFactory>();
        var engine = factory.CreateLogger("EdgePbx.Switchboard.Engine.CallEngine");
        var kestrel = factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel");
        engine.Write(LogLevel.Debug, 1, "below the minimum");
        kestrel.Write(LogLevel.Information, 2, "connection accepted");
        kestrel.Write(LogLevel.Warning, 3, "connection reset");
        engine.Write(LogLevel.Error, 4, "media failed", new InvalidOperationException("no ports left"));
        Flush();

        Assert.Equal(
            "<4>Microsoft.AspNetCore.Server.Kestrel[3] connection reset\n<3>EdgePbx.Switchboard.Engine.CallEngine[4] media failed System.InvalidOperationException: no ports left\n",
            _output.Text);
        Assert.Equal(
            [(LogLevel.Error, "CallEngine", "media failed (InvalidOperationException: no ports left)"), (LogLevel.Warning, "Kestrel", "connection reset")],
            Recent.Recent().Select(l => (l.Level, l.Category, l.Message)));
    }

    [Fact]
    public void The_recent_log_caps_a_long_message_at_2000_characters()
    {
        _services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgePbx.Test").Write(LogLevel.Information, 1, new string('x', 3000));

        Assert.Equal(new string('x', 2000) + "…", Assert.Single(Recent.Recent()).Message);
    }

    [Fact]
    public void The_recent_log_keeps_lines_that_a_full_standard_output_queue_dropped()
    {
        var logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgePbx.Test");
        for (var i = 0; i < 8; i++)
        {
            logger.Write(LogLevel.Information, 1, $"line {i}");
        }

        Flush();

        Assert.Contains("3 log lines dropped", _output.Text, StringComparison.Ordinal);
        Assert.Equal(8, Recent.Recent().Count);
        Assert.Equal("line 7", Recent.Recent()[0].Message);
    }

    private void Flush() => _services.GetRequiredService<BatchedConsoleLoggerProvider>().Flush();
}
