namespace EdgePbx.Sip.Subscriptions;

public sealed record SubscriptionOptions
{
    /// <summary>RFC 6665 4.2.1.1: shorter non-zero expiries get 423 Interval Too Brief with this Min-Expires.</summary>
    public int MinExpires { get; init; } = 60;

    /// <summary>Longer expiries are shortened to this (the 200 says the value granted).</summary>
    public int MaxExpires { get; init; } = 7200;

    /// <summary>Most subscriptions kept at once (the rest get 503): a flood of SUBSCRIBEs cannot grow memory without bound.</summary>
    public int MaxSubscriptions { get; init; } = 2000;

    /// <summary>Our Via sent-by and Contact host:port on NOTIFY; null uses the first bound end point.</summary>
    public string? SentBy { get; init; }
}
