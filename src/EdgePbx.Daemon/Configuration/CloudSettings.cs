namespace EdgePbx.Daemon.Configuration;

/// <summary>
/// Cloud plan sync. Off unless a device id and at least one trusted key are set. <see cref="TrustedKeys"/>
/// maps key id to a PEM public key file; <see cref="Mqtt"/> is mqtt://host:port or mqtts://host:port;
/// <see cref="PullUrl"/> (https) is polled every <see cref="PullInterval"/> when set.
/// </summary>
public sealed record CloudSettings
{
    public string? DeviceId { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    public IReadOnlyDictionary<string, string> TrustedKeys { get; init; } = new Dictionary<string, string>();

    public string? Mqtt { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public Uri? PullUrl { get; init; }

    public TimeSpan PullInterval { get; init; } = TimeSpan.FromMinutes(15);

    public bool Enabled => DeviceId is not null && TrustedKeys.Count > 0 && (Mqtt is not null || PullUrl is not null);
}
