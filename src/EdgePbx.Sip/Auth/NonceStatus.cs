namespace EdgePbx.Sip.Auth;

/// <summary>What a nonce check found.</summary>
public enum NonceStatus
{
    Valid = 0,

    /// <summary>Ours but too old: challenge again with stale=true (RFC 2617 3.2.1).</summary>
    Stale,

    /// <summary>Not issued by us, or its nonce-count did not increase (a replay).</summary>
    Invalid,
}
