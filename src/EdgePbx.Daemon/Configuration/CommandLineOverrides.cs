namespace EdgePbx.Daemon.Configuration;

/// <summary>Values given on the command line of <c>edgepbx run</c>; they beat the settings file.</summary>
public sealed record CommandLineOverrides(
    string? ConfigFile = null,
    string? DataDirectory = null,
    string? SipListen = null,
    string? WebListen = null,
    string? PlanFile = null);
