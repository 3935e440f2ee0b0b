using EdgePbx.Web.Box;
using EdgePbx.Web.Prompts;

namespace EdgePbx.Web.Tests.Support;

/// <summary>Test fake of the daemon's systemd seam: records what was asked, or refuses with <see cref="Refusal"/>.</summary>
public sealed class FakeBoxControl : IBoxControl
{
    private readonly List<BoxRestart> _requests = [];

    public string? Refusal { get; set; }

    public IReadOnlyList<BoxRestart> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public Task<string?> RestartAsync(BoxRestart what, CancellationToken cancellationToken)
    {
        if (Refusal is null)
        {
            lock (_requests)
            {
                _requests.Add(what);
            }
        }

        return Task.FromResult(Refusal);
    }
}

/// <summary>Records the prompts the page said were replaced (the daemon's listener clears the engine's prompt cache).</summary>
public sealed class RecordingPromptListener : IPromptChangeListener
{
    private readonly List<string> _changed = [];

    public IReadOnlyList<string> Changed
    {
        get
        {
            lock (_changed)
            {
                return [.. _changed];
            }
        }
    }

    public void PromptChanged(string name)
    {
        lock (_changed)
        {
            _changed.Add(name);
        }
    }
}

/// <summary>Settings as the daemon would show them, with a secret that must never reach a page.</summary>
public sealed class FixedBoxSettings : IBoxSettings
{
    public const string TrunkPassword = "Carrier-Secret-9z";

    public string? Source => "/etc/edgepbx/settings.json";

    public IReadOnlyList<BoxSettingsSection> Sections() =>
    [
        new("network", "Network", [new("SIP (phones and carrier)", "192.0.2.10:5060 UDP and TCP")]),
        new("trunk", "Carrier trunk", [new("Carrier address", "203.0.113.10:5060"), new("Registration password", "set")]),
        new("cloud", "Cloud plan sync", [new("Sync", "off")]),
    ];
}
