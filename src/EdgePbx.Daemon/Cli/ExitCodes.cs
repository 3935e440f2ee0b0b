namespace EdgePbx.Daemon.Cli;

/// <summary>Process exit codes, from sysexits(3) so systemd units and scripts can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A check verb found problems (e.g. <c>plan check</c> on an invalid plan).</summary>
    public const int Invalid = 1;

    /// <summary>
    /// The daemon stopped itself to start afresh (factory reset from the front panel); non-zero so the
    /// unit's Restart=on-failure starts it again.
    /// </summary>
    public const int RestartRequested = 3;

    /// <summary>EX_USAGE: the command line itself is wrong.</summary>
    public const int Usage = 64;

    /// <summary>EX_TEMPFAIL: a listener's address is taken; retrying later may work.</summary>
    public const int AddressInUse = 75;

    /// <summary>EX_CONFIG: a setting is wrong; restarting will not help (the unit prevents restart loops on it).</summary>
    public const int BadSettings = 78;
}
