using System.Net;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Sip.Transport;
using EdgePbx.Switchboard.Options;
using EdgePbx.Switchboard.Voicemail;

namespace EdgePbx.Daemon.Engine;

/// <summary>The call engine's options as this daemon's settings decide them.</summary>
public static class EngineSettings
{
    public static CallEngineOptions Options(DaemonSettings settings, Func<bool> nightMode)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var listen = settings.SipListen.EndPoint;
        var address = listen.Address;
        return new CallEngineOptions
        {
            Domain = settings.SipDomain,
            ExtraDomains = [address.ToString()],
            SipSentBy = listen.ToString(),
            MediaAddress = address.ToString(),
            // On loopback (the built-in defaults) only this machine can reach the box, so test peers may call
            // the plan's numbers without a trunk; on a real interface only phones with digest credentials can.
            AcceptUnauthenticatedFromAnywhere = IPAddress.IsLoopback(address),
            PromptDirectory = settings.DataDirectory,
            Trunk = settings.Trunk is { } trunk
                ? new TrunkOptions
                {
                    Target = new SipPeer(SipTransportKind.Udp, trunk.Target),
                    Host = trunk.Domain,
                    FromDomain = trunk.Domain,
                    Account = trunk.Account,
                    CallerId = trunk.CallerId,
                }
                : null,
            TrunkSources = settings.Trunk is { } carrier ? [carrier.Target.Address, .. carrier.Sources] : [],
            NightMode = nightMode,
        };
    }

    /// <summary>Voicemail under the data folder; prompts (the default greeting, menu prompts) from its prompts/ folder.</summary>
    public static VoicemailOptions Voicemail(DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new VoicemailOptions
        {
            Directory = Path.Combine(settings.DataDirectory, "voicemail"),
            AccessNumber = settings.Voicemail.AccessNumber,
            MaxMessageLength = TimeSpan.FromSeconds(settings.Voicemail.MaxMessageSeconds),
            SilenceTimeout = TimeSpan.FromSeconds(settings.Voicemail.SilenceSeconds),
            UnsolicitedNotify = settings.Voicemail.UnsolicitedNotify,
        };
    }
}
