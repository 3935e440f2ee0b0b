using System.Net;
using EdgePbx.Switchboard.Options;

namespace EdgePbx.Daemon.Configuration;

/// <summary>
/// The carrier trunk: where calls to the outside (forwards to bound mobiles) go, which addresses may
/// send calls to the plan's numbers without digest (the carrier's), and whether the box registers.
/// </summary>
public sealed record TrunkSettings
{
    /// <summary>The carrier's SIP address (UDP).</summary>
    public required IPEndPoint Target { get; init; }

    /// <summary>The carrier's domain: Request-URI host of forwards and the registrar's domain.</summary>
    public required string Domain { get; init; }

    /// <summary>The enterprise's number or account at the carrier (From/P-Asserted-Identity of forwards when hiding the caller).</summary>
    public required string Account { get; init; }

    /// <summary>Registration credentials; null for an IP-authenticated trunk that needs no REGISTER.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    public int Expires { get; init; } = 300;

    public CallerIdMode CallerId { get; init; } = CallerIdMode.PAssertedIdentity;

    /// <summary>Addresses besides <see cref="Target"/> the carrier sends calls from.</summary>
    public IReadOnlyList<IPAddress> Sources { get; init; } = [];

    public bool Registers => Username is not null;
}
