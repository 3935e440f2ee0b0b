namespace EdgePbx.Sip.Messages;

/// <summary>
/// Why a message was refused and where. <see cref="StatusCode"/> is what a server answers
/// (400, 505, 513); <see cref="ReasonPhrase"/> is safe to put on a status line.
/// </summary>
public sealed record SipParseError(int StatusCode, string What, int Offset)
{
    public string ReasonPhrase => $"{What} at byte {Offset}";

    public override string ToString() => $"{StatusCode} {ReasonPhrase}";
}
