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
