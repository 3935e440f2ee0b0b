using EdgePbx.Sip.Transport;

namespace EdgePbx.Switchboard.Options;

/// <summary>Where forwarded calls go: the carrier's proxy, the domain in its URIs and how the caller id is shown.</summary>
public sealed record TrunkOptions
{
    /// <summary>The carrier's proxy (where INVITEs are sent).</summary>
    public required SipPeer Target { get; init; }

    /// <summary>Host of the Request-URI and To ("carrier.example.com" or its address).</summary>
    public required string Host { get; init; }

    /// <summary>Host of From and P-Asserted-Identity (often the carrier's domain too).</summary>
    public required string FromDomain { get; init; }

    /// <summary>The trunk account's user part; From shows it in <see cref="CallerIdMode.PAssertedIdentity"/> mode.</summary>
    public string Account { get; init; } = "edgepbx";

    public CallerIdMode CallerId { get; init; } = CallerIdMode.PAssertedIdentity;

    /// <summary>How long a forwarded leg may ring before it is cancelled.</summary>
    public int RingSeconds { get; init; } = 60;
}
