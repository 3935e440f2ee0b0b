using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Registration;

/// <summary>How to register with the carrier.</summary>
public sealed record TrunkRegistrationOptions
{
    /// <summary>Request-URI of the REGISTER, e.g. "sip:carrier.example.com".</summary>
    public required string RegistrarUri { get; init; }

    /// <summary>The address-of-record, e.g. "sip:4001234567@carrier.example.com".</summary>
    public required string AddressOfRecord { get; init; }

    /// <summary>Our contact, e.g. "sip:4001234567@203.0.113.5:5060".</summary>
    public required string ContactUri { get; init; }

    /// <summary>Where to send (the carrier's proxy).</summary>
    public required SipPeer Target { get; init; }

    /// <summary>Our Via sent-by ("203.0.113.5:5060").</summary>
    public required string SentBy { get; init; }

    public required string Username { get; init; }

    public required string Password { get; init; }

    public int Expires { get; init; } = 300;

    public TimeSpan RetryMin { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(30);
}
