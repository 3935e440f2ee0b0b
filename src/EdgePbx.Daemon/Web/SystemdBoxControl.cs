using System.ComponentModel;
using System.Diagnostics;
using EdgePbx.Web.Box;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Web;

/// <summary>
/// Restart and reboot for the installer's page, asked of systemd with <c>systemctl --no-block</c>: the job is
/// queued and systemctl returns at once, so the page's answer is sent before systemd stops this process
/// (SIGTERM, the usual graceful stop). Outside systemd (no INVOCATION_ID) it refuses with a sentence. The unit
/// runs as the edgepbx user, so the image needs a polkit rule allowing that user to restart edgepbx.service
/// and reboot; without it systemctl's "access denied" is what the page shows.
/// </summary>
public sealed partial class SystemdBoxControl(ILogger<SystemdBoxControl> logger) : IBoxControl
{
    public const string Unit = "edgepbx.service";

    public async Task<string?> RestartAsync(BoxRestart what, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("INVOCATION_ID") is null)
        {
            return "this EdgePbx was not started by systemd, so the page cannot restart it; restart it where it was started";
        }

        string[] arguments = what == BoxRestart.Service ? ["--no-block", "restart", Unit] : ["--no-block", "reboot"];
        var start = new ProcessStartInfo("systemctl", arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return "systemctl could not be started";
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var error = await process.StandardError.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var reason = error.Trim().Length > 0 ? error.Trim() : $"systemctl exited with {process.ExitCode}";
                Refused(logger, string.Join(' ', arguments), reason);
                return reason;
            }
        }
        catch (Win32Exception e)
        {
            return "systemctl is not available: " + e.Message;
        }
        catch (OperationCanceledException)
        {
            return "systemctl did not answer within 10 seconds";
        }

        Requested(logger, string.Join(' ', arguments));
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Installer asked for 'systemctl {Arguments}'")]
    private static partial void Requested(ILogger logger, string arguments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "'systemctl {Arguments}' refused: {Reason}")]
    private static partial void Refused(ILogger logger, string arguments, string reason);
}
