using EdgePbx.Sip.Messages;
using EdgePbx.Switchboard.Legs;

namespace EdgePbx.Switchboard.Transfer;

/// <summary>The owner of a transfer's outbound leg: its ringing, answer and end go to the call's transfer handlers.</summary>
internal sealed class TransferLegOwner(string key, Action<OutboundLeg> answered, Action<OutboundLeg> ended) : IOutboundLegOwner
{
    public string Key => key;

    public void OnLegRinging(OutboundLeg leg)
    {
    }

    public void OnLegAnswered(OutboundLeg leg, SipMessage response) => answered(leg);

    public void OnLegEnded(OutboundLeg leg) => ended(leg);
}
