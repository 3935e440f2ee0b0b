using System.Net;

namespace EdgePbx.Daemon.Configuration;

/// <summary>The daemon's effective settings after defaults, the settings file and the command line are merged.</summary>
public sealed record DaemonSettings
{
    public static DaemonSettings Defaults { get; } = new();

    /// <summary>SIP UDP and TCP listeners (RFC 3261 default port on loopback until an installer opens it up).</summary>
    public ListenAddress SipListen { get; init; } = new(IPAddress.Loopback, 5060);

    public ListenAddress WebListen { get; init; } = new(IPAddress.Loopback, 8080);

    public string DataDirectory { get; init; } = "data";

    /// <summary>Routing plan file; null runs the built-in demo plan (a copy of examples/plans/demo.json).</summary>
    public string? PlanFile { get; init; }

    /// <summary>"simulated" (default, any machine) or "gpiochip" (the box's libgpiod character device).</summary>
    public string GpioBackend { get; init; } = "simulated";

    public string LogLevel { get; init; } = "Information";

    /// <summary>Where these settings came from, for log lines and error messages.</summary>
    public string? SettingsFile { get; init; }
}
