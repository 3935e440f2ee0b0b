namespace EdgePbx.Sip.Events;

/// <summary>A parsed message-summary body, or why it is not one.</summary>
public sealed record MessageSummaryParseResult(MessageSummary? Summary, string? Error)
{
    public static MessageSummaryParseResult Fail(string error) => new(null, error);
}
