namespace EdgePbx.Media.Sdp;

/// <summary>
/// The answer to an offer, or why nothing was acceptable (the engine then answers 488 Not Acceptable Here,
/// RFC 3261 13.3.1.3 / RFC 3264 6).
/// </summary>
public sealed record AnswerResult(SessionDescription? Answer, NegotiatedMedia? Media, string? NotAcceptableReason)
{
    public bool Acceptable => Answer is not null && Media is not null;
}
