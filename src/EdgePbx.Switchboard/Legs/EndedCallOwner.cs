using EdgePbx.Sip.Messages;

namespace EdgePbx.Switchboard.Legs;

/// <summary>
/// The owner of a leg whose call has ended (<see cref="OutboundLeg.Detach"/>): the leg still ACKs and hangs
/// up what its transactions bring in, and there is no call left to tell.
/// </summary>
internal sealed class EndedCallOwner(string key) : IOutboundLegOwner
{
    public string Key { get; } = key;

    public void OnLegRinging(OutboundLeg leg)
    {
    }

    public void OnLegAnswered(OutboundLeg leg, SipMessage response)
    {
    }

    public void OnLegEnded(OutboundLeg leg)
    {
    }
}
