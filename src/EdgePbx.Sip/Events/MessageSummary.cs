using System.Globalization;
using System.Text;

namespace EdgePbx.Sip.Events;

/// <summary>
/// An application/simple-message-summary body (RFC 3842 5.2): Messages-Waiting, an optional Message-Account,
/// summary lines per message class, and optional message headers after a blank line. <see cref="Write"/> and
/// <see cref="Parse"/> are inverse for anything <see cref="Parse"/> accepts.
/// </summary>
public sealed record MessageSummary(bool MessagesWaiting, string? Account, IReadOnlyList<MessageCounts> Counts)
{
    /// <summary>RFC 3842 3.5: the body type NOTIFYs of the message-summary package carry.</summary>
    public const string ContentType = "application/simple-message-summary";

    /// <summary>RFC 3842 3.1.</summary>
    public const string PackageName = "message-summary";

    /// <summary>The optional-message headers (RFC 3842 5.2 opt-msg-headers), name and value, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> MessageHeaders { get; init; } = [];

    /// <summary>The voice line of a mailbox: waiting when any message is new.</summary>
    public static MessageSummary Voice(string? account, int newMessages, int oldMessages) =>
        new(newMessages > 0, account, [new MessageCounts("Voice-Message", newMessages, oldMessages)]);

    /// <summary>The counts for <paramref name="contextClass"/> (case-insensitive), if the body has them.</summary>
    public MessageCounts? Find(string contextClass) =>
        Counts.Where(c => string.Equals(c.ContextClass, contextClass, StringComparison.OrdinalIgnoreCase)).Select(c => (MessageCounts?)c).FirstOrDefault();

    public string Write()
    {
        var sb = new StringBuilder(96);
        sb.Append("Messages-Waiting: ").Append(MessagesWaiting ? "yes" : "no").Append("\r\n");
        if (Account is not null)
        {
            sb.Append("Message-Account: ").Append(Account).Append("\r\n");
        }

        foreach (var c in Counts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{c.ContextClass}: {c.New}/{c.Old}");
            if (c.NewUrgent is { } nu && c.OldUrgent is { } ou)
            {
                sb.Append(CultureInfo.InvariantCulture, $" ({nu}/{ou})");
            }

            sb.Append("\r\n");
        }

        if (MessageHeaders.Count > 0)
        {
            sb.Append("\r\n");
            foreach (var (name, value) in MessageHeaders)
            {
                sb.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        return sb.ToString();
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(Write());

    /// <summary>
    /// Parses a body (RFC 3842 5.2 grammar; header names case-insensitive, LF or CRLF line ends, unknown lines in
    /// the summary part skipped as the RFC's extension rule allows). The status line is required.
    /// </summary>
    public static MessageSummaryParseResult Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        bool? waiting = null;
        string? account = null;
        var counts = new List<MessageCounts>();
        var headers = new List<KeyValuePair<string, string>>();
        var inHeaders = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                inHeaders |= waiting is not null && i < lines.Length - 1;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return MessageSummaryParseResult.Fail($"line {i + 1}: no colon");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (inHeaders)
            {
                headers.Add(new(name, value));
                continue;
            }

            if (waiting is null)
            {
                if (!name.Equals("Messages-Waiting", StringComparison.OrdinalIgnoreCase))
                {
                    return MessageSummaryParseResult.Fail($"line {i + 1}: the body must start with Messages-Waiting");
                }

                if (value.Equals("yes", StringComparison.OrdinalIgnoreCase))
                {
                    waiting = true;
                }
                else if (value.Equals("no", StringComparison.OrdinalIgnoreCase))
                {
                    waiting = false;
                }
                else
                {
                    return MessageSummaryParseResult.Fail($"line {i + 1}: Messages-Waiting must be yes or no, not \"{value}\"");
                }

                continue;
            }

            if (name.Equals("Message-Account", StringComparison.OrdinalIgnoreCase))
            {
                account = value;
                continue;
            }

            if (ParseCounts(name, value) is { } c)
            {
                counts.Add(c);
                continue;
            }

            return MessageSummaryParseResult.Fail($"line {i + 1}: \"{line}\" is not a summary line (CLASS: NEW/OLD [(NEW/OLD)])");
        }

        return waiting is null
            ? MessageSummaryParseResult.Fail("no Messages-Waiting line")
            : new MessageSummaryParseResult(new MessageSummary(waiting.Value, account, counts) { MessageHeaders = headers }, null);
    }

    private static MessageCounts? ParseCounts(string name, string value)
    {
        var paren = value.IndexOf('(', StringComparison.Ordinal);
        var main = paren < 0 ? value : value[..paren];
        if (!TryPair(main, out var n, out var o))
        {
            return null;
        }

        if (paren < 0)
        {
            return new MessageCounts(name, n, o);
        }

        var close = value.IndexOf(')', paren);
        if (close < 0 || value[(close + 1)..].Trim().Length != 0 || !TryPair(value[(paren + 1)..close], out var nu, out var ou))
        {
            return null;
        }

        return new MessageCounts(name, n, o, nu, ou);
    }

    private static bool TryPair(string text, out int first, out int second)
    {
        second = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        first = 0;
        return slash > 0
            && int.TryParse(text[..slash].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && int.TryParse(text[(slash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out second);
    }
}
