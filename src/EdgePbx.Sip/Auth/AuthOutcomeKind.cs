namespace EdgePbx.Sip.Auth;

public enum AuthOutcomeKind
{
    /// <summary>Credentials checked out; Username says who.</summary>
    Authenticated = 0,

    /// <summary>No (usable) credentials yet, or a stale nonce: answer 401/407 with Challenges.</summary>
    Challenge,

    /// <summary>Wrong password, replayed nonce or a blocked source: answer 403 (or 401 again, as policy).</summary>
    Rejected,
}
