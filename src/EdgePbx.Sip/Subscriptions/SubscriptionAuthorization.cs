namespace EdgePbx.Sip.Subscriptions;

/// <summary>A package's answer to "may this user subscribe to that resource".</summary>
public enum SubscriptionAuthorization
{
    Allowed,

    /// <summary>403: the resource exists but is not the subscriber's to watch.</summary>
    Forbidden,

    /// <summary>404: no such resource (RFC 6665 4.2.1.2).</summary>
    NotFound,
}
