namespace EdgePbx.Web.Box;

/// <summary>Used when the host registers no <see cref="IBoxControl"/>: the page says restarting is not possible from here.</summary>
public sealed class UnavailableBoxControl : IBoxControl
{
    public Task<string?> RestartAsync(BoxRestart what, CancellationToken cancellationToken) =>
        Task.FromResult<string?>("this EdgePbx does not run under systemd, so the page cannot restart it; restart it where it was started");
}
