namespace EdgePbx.Sip.Registration;

/// <summary>What OPTIONS qualify last learnt about a bound contact.</summary>
public enum ContactReachability
{
    /// <summary>Not asked yet since it (re-)registered, or qualify is off: treated as reachable.</summary>
    Unknown,

    /// <summary>Answered the last OPTIONS (any final response: something at the contact is alive).</summary>
    Reachable,

    /// <summary>The last OPTIONS timed out (timer F) or could not be sent.</summary>
    Unreachable,
}
