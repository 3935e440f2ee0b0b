using EdgePbx.Web.Health;

namespace EdgePbx.Daemon.Hosting;

/// <summary>Ready only while the SIP transports are bound and receiving.</summary>
public sealed class SipReadiness(SipService sip, EdgePbx.Sip.Stack.SipStack stack) : IReadinessCheck
{
    public string Name => "sip";

    public ReadinessResult Check() => sip.IsBound
        ? ReadinessResult.Yes(string.Join(", ", stack.BoundEndPoints))
        : ReadinessResult.No("SIP transports not bound");
}
