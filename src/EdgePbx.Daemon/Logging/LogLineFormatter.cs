using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Logging;

/// <summary>
/// Lays one log entry out as UTF-8 in <see cref="LogFormat.Journal"/> or <see cref="LogFormat.Simple"/> form, byte for
/// byte what the systemd and simple console formatters write (no timestamps, no scopes, no colours: the console
/// provider's defaults, which the daemon never changed).
/// </summary>
internal static class LogLineFormatter
{
    // The simple formatter indents the message under "info: " (4 letters of level and ": ").
    private static ReadOnlySpan<byte> MessagePadding => "      "u8;

    /// <summary>Appends the entry's line(s), newline-terminated, to <paramref name="buffer"/>; <paramref name="exception"/> is the exception's ToString().</summary>
    public static void Write(
        LogBuffer buffer, LogFormat format, LogLevel level, ReadOnlySpan<byte> category, int eventId, string? message, string? exception)
    {
        if (format == LogFormat.Journal)
        {
            WriteJournal(buffer, level, category, eventId, message, exception);
        }
        else
        {
            WriteSimple(buffer, level, category, eventId, message, exception);
        }
    }

    private static void WriteJournal(LogBuffer buffer, LogLevel level, ReadOnlySpan<byte> category, int eventId, string? message, string? exception)
    {
        // Example: <6>EdgePbx.Switchboard.Engine.CallEngine[40] Call 12 ended: ...
        buffer.Append(SyslogPriority(level));
        WriteCategory(buffer, category, eventId);
        if (!string.IsNullOrEmpty(message))
        {
            buffer.Append((byte)' ');
            AppendReplacingNewLines(buffer, message, " "u8);
        }

        if (exception is not null)
        {
            // Same line as the message: a line of its own would be a journal entry of its own, at the default priority.
            buffer.Append((byte)' ');
            AppendReplacingNewLines(buffer, exception, " "u8);
        }

        buffer.Append((byte)'\n');
    }

    private static void WriteSimple(LogBuffer buffer, LogLevel level, ReadOnlySpan<byte> category, int eventId, string? message, string? exception)
    {
        // Example:
        // info: EdgePbx.Switchboard.Engine.CallEngine[40]
        //       Call 12 ended: ...
        buffer.Append(LevelName(level));
        buffer.Append(": "u8);
        WriteCategory(buffer, category, eventId);
        buffer.Append((byte)'\n');
        WriteIndented(buffer, message);
        WriteIndented(buffer, exception);
    }

    private static void WriteCategory(LogBuffer buffer, ReadOnlySpan<byte> category, int eventId)
    {
        buffer.Append(category);
        buffer.Append((byte)'[');
        buffer.AppendInt(eventId);
        buffer.Append((byte)']');
    }

    private static void WriteIndented(LogBuffer buffer, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        buffer.Append(MessagePadding);
        AppendReplacingNewLines(buffer, text, "\n      "u8);
        buffer.Append((byte)'\n');
    }

    private static void AppendReplacingNewLines(LogBuffer buffer, ReadOnlySpan<char> text, ReadOnlySpan<byte> replacement)
    {
        // Environment.NewLine is "\n" on Linux, the only place the daemon runs; a lone '\r' stays, as in the console formatters.
        int newLine;
        while ((newLine = text.IndexOf('\n')) >= 0)
        {
            buffer.AppendUtf8(text[..newLine]);
            buffer.Append(replacement);
            text = text[(newLine + 1)..];
        }

        buffer.AppendUtf8(text);
    }

    // RFC 5424 6.2.1 severities, as the systemd console formatter maps the levels.
    private static ReadOnlySpan<byte> SyslogPriority(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "<7>"u8,
        LogLevel.Information => "<6>"u8,
        LogLevel.Warning => "<4>"u8,
        LogLevel.Error => "<3>"u8,
        _ => "<2>"u8,
    };

    private static ReadOnlySpan<byte> LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce"u8,
        LogLevel.Debug => "dbug"u8,
        LogLevel.Information => "info"u8,
        LogLevel.Warning => "warn"u8,
        LogLevel.Error => "fail"u8,
        _ => "crit"u8,
    };
}
