using EdgePbx.Daemon.Logging;
using EdgePbx.Daemon.Tests.Support;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Tests.Logging;

/// <summary>Batching, flushing, the queue bound and filtering of the standard-output log.</summary>
public sealed class BatchedConsoleLoggerProviderTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly RecordingStream _output = new();

    public void Dispose() => _output.Dispose();

    [Fact]
    public void Many_lines_leave_in_one_write()
    {
        using var provider = Manual();
        var logger = provider.CreateLogger("EdgePbx.Test");
        for (int i = 0; i < 1000; i++)
        {
            logger.Write(LogLevel.Information, 40, $"Call {i} ended");
        }

        provider.Flush();

        var write = Assert.Single(_output.Writes);
        string[] lines = write.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1000, lines.Length);
        Assert.Equal("<6>EdgePbx.Test[40] Call 0 ended", lines[0]);
        Assert.Equal("<6>EdgePbx.Test[40] Call 999 ended", lines[^1]);
    }

    [Fact]
    public void Flush_with_nothing_queued_writes_nothing()
    {
        using var provider = Manual();
        provider.Flush();

        Assert.Empty(_output.Writes);
    }

    [Fact]
    public void Dispose_writes_what_is_still_queued()
    {
        var provider = Manual();
        provider.CreateLogger("EdgePbx.Test").Write(LogLevel.Information, 1, "Stopping");
        Assert.Empty(_output.Writes);

        provider.Dispose();

        Assert.Equal("<6>EdgePbx.Test[1] Stopping\n", Assert.Single(_output.Writes));
    }

    [Fact]
    public void Dispose_stops_the_writer_thread_after_its_last_batch()
    {
        // An interval nothing reaches: only disposal writes the Information lines logged after the first write.
        var provider = new BatchedConsoleLoggerProvider(_output, new LogBatchOptions { Format = LogFormat.Journal, Interval = Timeout.InfiniteTimeSpan });
        var logger = provider.CreateLogger("EdgePbx.Test");
        logger.Write(LogLevel.Information, 1, "first");
        Assert.True(_output.WaitForWrite(Patience), "the idle writer did not write the first line");
        for (int i = 0; i < 100; i++)
        {
            logger.Write(LogLevel.Information, 2, $"line {i}");
        }

        provider.Dispose();

        Assert.Equal(2, _output.Writes.Count);
        Assert.Equal(101, _output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith("<6>EdgePbx.Test[2] line 99\n", _output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_logged_after_dispose_is_written_at_once()
    {
        var provider = new BatchedConsoleLoggerProvider(_output, new LogBatchOptions { Format = LogFormat.Journal });
        var logger = provider.CreateLogger("EdgePbx.Test");
        provider.Dispose();

        logger.Write(LogLevel.Information, 1, "late");

        Assert.Equal("<6>EdgePbx.Test[1] late\n", Assert.Single(_output.Writes));
    }

    [Fact]
    public void Warning_is_written_at_once_with_the_lines_queued_before_it()
    {
        using var provider = new BatchedConsoleLoggerProvider(_output, new LogBatchOptions { Format = LogFormat.Journal, Interval = Timeout.InfiniteTimeSpan });
        var logger = provider.CreateLogger("EdgePbx.Test");
        logger.Write(LogLevel.Information, 1, "first");
        Assert.True(_output.WaitForWrite(Patience), "the idle writer did not write the first line");

        logger.Write(LogLevel.Information, 2, "waits for the interval");
        logger.Write(LogLevel.Warning, 3, "wakes the writer");

        Assert.True(_output.WaitForWrite(Patience), "the warning did not wake the writer");
        Assert.Equal("<6>EdgePbx.Test[2] waits for the interval\n<4>EdgePbx.Test[3] wakes the writer\n", _output.Writes[1]);
    }

    [Fact]
    public void A_sizeable_batch_wakes_the_writer_before_its_interval()
    {
        using var provider = new BatchedConsoleLoggerProvider(
            _output, new LogBatchOptions { Format = LogFormat.Journal, Interval = Timeout.InfiniteTimeSpan, WakeAtBytes = 1000 });
        var logger = provider.CreateLogger("EdgePbx.Test");
        logger.Write(LogLevel.Information, 1, "first");
        Assert.True(_output.WaitForWrite(Patience), "the idle writer did not write the first line");

        // 30 lines of 41 bytes: past 1000 bytes at the 25th.
        for (int i = 0; i < 30; i++)
        {
            logger.Write(LogLevel.Information, 2, "a line of some length");
        }

        Assert.True(_output.WaitForWrite(Patience), "1000 queued bytes did not wake the writer");
        Assert.True(_output.Writes[1].Length >= 1000, $"woken at {_output.Writes[1].Length} bytes");
    }

    [Fact]
    public void Lines_beyond_the_bound_are_dropped_and_counted()
    {
        using var provider = Manual(new LogBatchOptions { Format = LogFormat.Journal, WriterThread = false, MaxQueuedLines = 10 });
        var logger = provider.CreateLogger("EdgePbx.Test");
        for (int i = 0; i < 25; i++)
        {
            logger.Write(LogLevel.Information, 40, $"Call {i} ended");
        }

        provider.Flush();
        logger.Write(LogLevel.Information, 40, "after the drop");
        provider.Flush();

        string[] lines = _output.Writes[0].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("<6>EdgePbx.Test[40] Call 9 ended", lines[9]);
        Assert.Equal(
            "<4>EdgePbx.Daemon.Logging.BatchedConsoleLoggerProvider[1] 15 log lines dropped: 10 lines (or 4194304 bytes) were already waiting to be written",
            lines[10]);
        Assert.Equal("<6>EdgePbx.Test[40] after the drop\n", _output.Writes[1]);
    }

    [Fact]
    public void Drop_count_is_written_even_when_nothing_else_is_queued()
    {
        using var provider = Manual(new LogBatchOptions { Format = LogFormat.Simple, WriterThread = false, MaxQueuedLines = 1 });
        var logger = provider.CreateLogger("EdgePbx.Test");
        logger.Write(LogLevel.Information, 1, "kept");
        logger.Write(LogLevel.Information, 1, "dropped");
        provider.Flush();
        logger.Write(LogLevel.Information, 1, "kept");
        logger.Write(LogLevel.Information, 1, "dropped");
        logger.Write(LogLevel.Information, 1, "dropped");
        provider.Flush();

        Assert.EndsWith(
            "warn: EdgePbx.Daemon.Logging.BatchedConsoleLoggerProvider[1]\n      2 log lines dropped: 1 lines (or 4194304 bytes) were already waiting to be written\n",
            _output.Writes[1],
            StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_and_filters_of_the_logger_factory_apply()
    {
        using var provider = Manual();
        using (var factory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddProvider(provider)))
        {
            var engine = factory.CreateLogger("EdgePbx.Switchboard.Engine.CallEngine");
            var kestrel = factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");
            engine.Write(LogLevel.Debug, 1, "below the minimum");
            engine.Write(LogLevel.Information, 2, "call ended");
            kestrel.Write(LogLevel.Information, 3, "request finished");
            kestrel.Write(LogLevel.Warning, 4, "request aborted");
            provider.Flush();
        }

        Assert.Equal(
            "<6>EdgePbx.Switchboard.Engine.CallEngine[2] call ended\n<4>Microsoft.AspNetCore.Hosting.Diagnostics[4] request aborted\n",
            _output.Text);
    }

    [Fact]
    public void Lines_from_many_threads_all_arrive_whole()
    {
        var provider = new BatchedConsoleLoggerProvider(_output, new LogBatchOptions { Format = LogFormat.Journal });
        var logger = provider.CreateLogger("EdgePbx.Test");
        Parallel.For(0, 4, thread =>
        {
            for (int i = 0; i < 500; i++)
            {
                logger.Write(LogLevel.Information, thread, $"thread {thread} line {i}");
            }
        });

        provider.Dispose();

        string[] lines = _output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2000, lines.Length);
        Assert.All(lines, line => Assert.Matches(@"^<6>EdgePbx\.Test\[\d\] thread \d line \d+$", line));
        Assert.True(_output.Writes.Count < 2000, $"{_output.Writes.Count} writes for 2000 lines");
    }

    private BatchedConsoleLoggerProvider Manual(LogBatchOptions? options = null) =>
        new(_output, options ?? new LogBatchOptions { Format = LogFormat.Journal, WriterThread = false });
}
