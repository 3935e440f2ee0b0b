using EdgePbx.Sip.Events;
using EdgePbx.Sip.Subscriptions;

namespace EdgePbx.Switchboard.Voicemail;

/// <summary>
/// RFC 3842 message-summary as an event package of the SIP notifier: a phone of extension X may subscribe to
/// box X (sip:X@domain); the state is the box's new/old counts.
/// </summary>
internal sealed class MessageSummaryPackage(VoicemailBoxes boxes) : IEventPackage
{
    public string Name => MessageSummary.PackageName;

    public string ContentType => MessageSummary.ContentType;

    /// <summary>RFC 3842 3.4: the default subscription duration is one hour.</summary>
    public int DefaultExpires => 3600;

    public SubscriptionAuthorization Authorize(string subscriber, string resource) =>
        !boxes.HasBox(resource) ? SubscriptionAuthorization.NotFound
        : boxes.MayWatch(subscriber, resource) ? SubscriptionAuthorization.Allowed
        : SubscriptionAuthorization.Forbidden;

    public ReadOnlyMemory<byte> CurrentState(string resource) => boxes.Summary(resource).ToBytes();
}
