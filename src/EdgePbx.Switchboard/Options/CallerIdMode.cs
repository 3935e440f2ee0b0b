namespace EdgePbx.Switchboard.Options;

/// <summary>How a forwarded call shows the real caller's number to the carrier.</summary>
public enum CallerIdMode
{
    /// <summary>From carries the trunk account; P-Asserted-Identity (RFC 3325) carries the caller.</summary>
    PAssertedIdentity = 0,

    /// <summary>From carries the caller's number (carriers that trust the From user part).</summary>
    From,
}
