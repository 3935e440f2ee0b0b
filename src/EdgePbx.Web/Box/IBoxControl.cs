namespace EdgePbx.Web.Box;

/// <summary>
/// The seam to the machine: the daemon's implementation asks systemd to restart the unit or reboot the box;
/// tests use a fake that records the request. Expected failures (no systemd, not permitted) are the sentence
/// returned, never an exception.
/// </summary>
public interface IBoxControl
{
    /// <summary>Null once the request is handed over (the restart follows within seconds); else why it cannot be done.</summary>
    Task<string?> RestartAsync(BoxRestart what, CancellationToken cancellationToken);
}
