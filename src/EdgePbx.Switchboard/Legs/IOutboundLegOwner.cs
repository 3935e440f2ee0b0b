using EdgePbx.Sip.Messages;

namespace EdgePbx.Switchboard.Legs;

/// <summary>What a call hears from its outbound legs; always called on the call's partition.</summary>
internal interface IOutboundLegOwner
{
    string Key { get; }

    void OnLegRinging(OutboundLeg leg);

    void OnLegAnswered(OutboundLeg leg, SipMessage response);

    /// <summary>The leg ended without being (or staying) answered, or its media could not be agreed.</summary>
    void OnLegEnded(OutboundLeg leg);
}
