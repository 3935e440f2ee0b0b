using System.Globalization;
using System.Text;

namespace EdgePbx.Sip.Events;

/// <summary>
/// An application/simple-message-summary body (RFC 3842 3.5, grammar in 5.2): Messages-Waiting, an optional
/// Message-Account, summary lines per message class, and optional blocks of message headers, each after a blank
/// line. <see cref="Write"/> and <see cref="Parse"/> are inverse for anything <see cref="Parse"/> accepts.
/// </summary>
public sealed record MessageSummary(bool MessagesWaiting, string? Account, IReadOnlyList<MessageCounts> Counts)
{
    /// <summary>RFC 3842 3.5: the body type NOTIFYs of the message-summary package carry.</summary>
    public const string ContentType = "application/simple-message-summary";

    /// <summary>RFC 3842 3.1.</summary>
    public const string PackageName = "message-summary";

    /// <summary>
    /// The optional message headers (RFC 3842 5.2 <c>*opt-msg-headers</c>, <c>opt-msg-headers = CRLF
    /// 1*(extension-header CRLF)</c>): one block per message, each a list of name and value in order.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> MessageHeaderBlocks { get; init; } = [];

    /// <summary>The voice line of a mailbox: waiting when any message is new.</summary>
    public static MessageSummary Voice(string? account, int newMessages, int oldMessages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newMessages);
        ArgumentOutOfRangeException.ThrowIfNegative(oldMessages);
        return new(newMessages > 0, account, [new MessageCounts("Voice-Message", (uint)newMessages, (uint)oldMessages)]);
    }

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

        foreach (var block in MessageHeaderBlocks)
        {
            sb.Append("\r\n");
            foreach (var (name, value) in block)
            {
                sb.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        return sb.ToString();
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(Write());

    /// <summary>
    /// Parses a body (RFC 3842 5.2 grammar; header names case-insensitive, LF or CRLF line ends, whitespace around
    /// the separators, any message-context-class token; counts up to 2^32-1). The status line is required; each
    /// blank line after it opens a new block of message headers.
    /// </summary>
    public static MessageSummaryParseResult Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        bool? waiting = null;
        string? account = null;
        var counts = new List<MessageCounts>();
        var blocks = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        List<KeyValuePair<string, string>>? block = null;
        var afterBlank = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                afterBlank |= waiting is not null;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return MessageSummaryParseResult.Fail($"line {i + 1}: no colon");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (afterBlank)
            {
                block = [];
                blocks.Add(block);
                afterBlank = false;
            }

            if (block is not null)
            {
                block.Add(new(name, value));
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
            : new MessageSummaryParseResult(new MessageSummary(waiting.Value, account, counts) { MessageHeaderBlocks = blocks }, null);
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

    // RFC 3842 5.2: msgcount = 1*DIGIT, which MUST NOT exceed 2^32-1; a larger count is not a summary line.
    private static bool TryPair(string text, out uint first, out uint second)
    {
        second = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        first = 0;
        return slash > 0
            && uint.TryParse(text[..slash].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && uint.TryParse(text[(slash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out second);
    }
}
