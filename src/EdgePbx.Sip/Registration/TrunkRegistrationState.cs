namespace EdgePbx.Sip.Registration;

/// <summary>Where the trunk registration stands (drives the trunk LED).</summary>
public enum TrunkRegistrationState
{
    Unregistered = 0,
    Registering,
    Registered,

    /// <summary>The last attempt failed; a retry is scheduled with back-off.</summary>
    Failed,
}
