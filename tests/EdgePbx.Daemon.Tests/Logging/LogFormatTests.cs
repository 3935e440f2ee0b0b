using EdgePbx.Daemon.Logging;
using EdgePbx.Daemon.Tests.Support;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Tests.Logging;

/// <summary>The two layouts, byte for byte what the systemd and simple console formatters wrote before.</summary>
public sealed class LogFormatTests
{
    private const string Category = "EdgePbx.Switchboard.Engine.CallEngine";

    [Theory]
    [InlineData(LogLevel.Trace, "<7>")]
    [InlineData(LogLevel.Debug, "<7>")]
    [InlineData(LogLevel.Information, "<6>")]
    [InlineData(LogLevel.Warning, "<4>")]
    [InlineData(LogLevel.Error, "<3>")]
    [InlineData(LogLevel.Critical, "<2>")]
    public void Journal_line_is_syslog_priority_category_event_id_and_message(LogLevel level, string priority)
    {
        string text = Logged(LogFormat.Journal, logger => logger.Write(level, 40, "Call 12 ended after 31 s"));

        Assert.Equal($"{priority}{Category}[40] Call 12 ended after 31 s\n", text);
    }

    [Theory]
    [InlineData(LogLevel.Trace, "trce")]
    [InlineData(LogLevel.Debug, "dbug")]
    [InlineData(LogLevel.Information, "info")]
    [InlineData(LogLevel.Warning, "warn")]
    [InlineData(LogLevel.Error, "fail")]
    [InlineData(LogLevel.Critical, "crit")]
    public void Simple_entry_is_level_and_category_then_the_message_indented(LogLevel level, string name)
    {
        string text = Logged(LogFormat.Simple, logger => logger.Write(level, 40, "Call 12 ended after 31 s"));

        Assert.Equal($"{name}: {Category}[40]\n      Call 12 ended after 31 s\n", text);
    }

    [Fact]
    public void Journal_keeps_a_multi_line_message_and_its_exception_on_one_line()
    {
        var error = Thrown(new InvalidOperationException("database is locked"));
        string text = Logged(LogFormat.Journal, logger => logger.Write(LogLevel.Error, 7, "Record not written:\nretrying", error));

        Assert.Equal($"<3>{Category}[7] Record not written: retrying {error.ToString().Replace('\n', ' ')}\n", text);
        Assert.Contains("System.InvalidOperationException: database is locked", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Simple_puts_the_exception_on_the_lines_below_the_message_indented()
    {
        var error = Thrown(new InvalidOperationException("database is locked"));
        string text = Logged(LogFormat.Simple, logger => logger.Write(LogLevel.Error, 7, "Record not written:\nretrying", error));

        string indentedError = "      " + error.ToString().Replace("\n", "\n      ");
        Assert.Equal($"fail: {Category}[7]\n      Record not written:\n      retrying\n{indentedError}\n", text);
        Assert.StartsWith($"fail: {Category}[7]\n      Record not written:\n      retrying\n      System.InvalidOperationException: database is locked", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_without_a_message_is_still_written()
    {
        var error = new TimeoutException("no answer");
        string journal = Logged(LogFormat.Journal, logger => logger.Write(LogLevel.Warning, 3, string.Empty, error));
        string simple = Logged(LogFormat.Simple, logger => logger.Write(LogLevel.Warning, 3, string.Empty, error));

        Assert.Equal($"<4>{Category}[3] System.TimeoutException: no answer\n", journal);
        Assert.Equal($"warn: {Category}[3]\n      System.TimeoutException: no answer\n", simple);
    }

    [Fact]
    public void Text_outside_ascii_is_written_as_utf8()
    {
        string text = Logged(LogFormat.Journal, logger => logger.Write(LogLevel.Information, 1, "Anruf von Jürgen → 101"));

        Assert.Equal($"<6>{Category}[1] Anruf von Jürgen → 101\n", text);
    }

    private static string Logged(LogFormat format, Action<ILogger> log)
    {
        using var output = new RecordingStream();
        using (var provider = new BatchedConsoleLoggerProvider(output, new LogBatchOptions { Format = format, WriterThread = false }))
        {
            log(provider.CreateLogger(Category));
        }

        return output.Text;
    }

    // A thrown exception carries a stack trace, so its text has the lines that need replacing or indenting.
    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
