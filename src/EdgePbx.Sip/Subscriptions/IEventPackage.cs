namespace EdgePbx.Sip.Subscriptions;

/// <summary>
/// An event package the upper layer serves as notifier (RFC 6665 7.2: name, default expiry, body type, who may
/// watch what, and the current state of a resource). The SIP layer keeps the subscriptions; the package only
/// answers questions. Called under the notifier's lock: keep it quick and free of I/O that can block.
/// </summary>
public interface IEventPackage
{
    /// <summary>The Event header token ("message-summary").</summary>
    string Name { get; }

    /// <summary>The Content-Type of NOTIFY bodies ("application/simple-message-summary").</summary>
    string ContentType { get; }

    /// <summary>RFC 6665 7.2.3 (subscription duration): the expiry used when the SUBSCRIBE has no Expires header.</summary>
    int DefaultExpires { get; }

    /// <summary>May <paramref name="subscriber"/> (the digest user) watch <paramref name="resource"/> (the Request-URI user)?</summary>
    SubscriptionAuthorization Authorize(string subscriber, string resource);

    /// <summary>The resource's current state as a NOTIFY body.</summary>
    ReadOnlyMemory<byte> CurrentState(string resource);
}
