namespace EdgePbx.Media.Sdp;

/// <summary>Either a parsed description or the reason it was refused (line number and what was wrong).</summary>
public sealed record SdpParseResult(SessionDescription? Description, string? Error)
{
    public bool Success => Description is not null;

    public static SdpParseResult Ok(SessionDescription description) => new(description, null);

    public static SdpParseResult Fail(int line, string reason) => new(null, $"SDP line {line}: {reason}");
}
