using System.Net;
using EdgePbx.Hardware.Settings;
using EdgePbx.Sip.Auth;

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

    /// <summary>The SIP domain and digest realm of the box (phones register as ext@domain).</summary>
    public string SipDomain { get; init; } = "edgepbx";

    /// <summary>
    /// Digest algorithms the registrar challenges with, most preferred first. MD5 alone by default: phones
    /// that predate RFC 8760 (baresip 1.0 among them) refuse a 401 that also offers SHA-256.
    /// </summary>
    public IReadOnlyList<DigestAlgorithm> SipDigestAlgorithms { get; init; } = [DigestAlgorithm.Md5];

    /// <summary>How often registered phones get an OPTIONS (a phone that stops answering is marked unreachable); zero = off.</summary>
    public TimeSpan SipQualifyInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The front panel; simulated unless the settings file says otherwise (development machines have no pins).</summary>
    public PanelSettings Panel { get; init; } = new() { Backend = PanelBackendKind.Simulated };

    public CloudSettings Cloud { get; init; } = new();

    /// <summary>The carrier trunk; null on a box not yet connected to a carrier (no forwards to the outside).</summary>
    public TrunkSettings? Trunk { get; init; }

    public VoicemailSettings Voicemail { get; init; } = new();

    public MediaSettings Media { get; init; } = new();

    public string LogLevel { get; init; } = "Information";

    /// <summary>Where these settings came from, for log lines and error messages.</summary>
    public string? SettingsFile { get; init; }
}
