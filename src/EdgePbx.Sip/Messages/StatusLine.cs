namespace EdgePbx.Sip.Messages;

/// <summary>
/// Status lines of the responses a B2BUA sends on every call (RFC 3261 21), as literals: a response whose reason
/// phrase is the standard one takes its start line from here instead of formatting a new string each time.
/// </summary>
internal static class StatusLine
{
    /// <summary>The literal "SIP/2.0 code reason" when <paramref name="reasonPhrase"/> is the standard phrase of <paramref name="statusCode"/>; otherwise null.</summary>
    public static string? Standard(int statusCode, string reasonPhrase)
    {
        var line = statusCode switch
        {
            100 => "SIP/2.0 100 Trying",
            180 => "SIP/2.0 180 Ringing",
            181 => "SIP/2.0 181 Call Is Being Forwarded",
            182 => "SIP/2.0 182 Queued",
            183 => "SIP/2.0 183 Session Progress",
            200 => "SIP/2.0 200 OK",
            202 => "SIP/2.0 202 Accepted",
            401 => "SIP/2.0 401 Unauthorized",
            403 => "SIP/2.0 403 Forbidden",
            404 => "SIP/2.0 404 Not Found",
            407 => "SIP/2.0 407 Proxy Authentication Required",
            408 => "SIP/2.0 408 Request Timeout",
            480 => "SIP/2.0 480 Temporarily Unavailable",
            481 => "SIP/2.0 481 Call/Transaction Does Not Exist",
            482 => "SIP/2.0 482 Loop Detected",
            483 => "SIP/2.0 483 Too Many Hops",
            486 => "SIP/2.0 486 Busy Here",
            487 => "SIP/2.0 487 Request Terminated",
            488 => "SIP/2.0 488 Not Acceptable Here",
            491 => "SIP/2.0 491 Request Pending",
            500 => "SIP/2.0 500 Server Internal Error",
            501 => "SIP/2.0 501 Not Implemented",
            503 => "SIP/2.0 503 Service Unavailable",
            603 => "SIP/2.0 603 Decline",
            _ => null,
        };

        // "SIP/2.0 " and the three digits and space before the phrase: 12 characters.
        const int PhraseStart = 12;
        return line is not null && line.AsSpan(PhraseStart).SequenceEqual(reasonPhrase) ? line : null;
    }
}
