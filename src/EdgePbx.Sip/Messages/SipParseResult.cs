namespace EdgePbx.Sip.Messages;

/// <summary>Either a message or the reason it was refused.</summary>
public readonly record struct SipParseResult(SipMessage? Message, SipParseError? Error)
{
    public bool IsSuccess => Message is not null;
}
