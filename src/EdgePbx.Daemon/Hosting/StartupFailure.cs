using System.Net.Sockets;
using EdgePbx.Daemon.Cli;
using EdgePbx.Daemon.Configuration;

namespace EdgePbx.Daemon.Hosting;

/// <summary>Turns an exception thrown while the host starts into the one line an installer needs.</summary>
public static class StartupFailure
{
    public static (string Line, int ExitCode) Describe(Exception exception, DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(settings);
        if (exception is Plans.PlanRejectedException plan)
        {
            return (plan.Message, ExitCodes.BadSettings);
        }
        if (exception is ListenerBindException bind)
        {
            return (bind.Message, bind.IsAddressInUse ? ExitCodes.AddressInUse : ExitCodes.BadSettings);
        }
        // Kestrel wraps the socket error in an IOException ("Failed to bind to address ...").
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || e.GetType().Name == "AddressInUseException")
            {
                return ($"web.listen {settings.WebListen}: address already in use", ExitCodes.AddressInUse);
            }
            if (e is SocketException { SocketErrorCode: SocketError.AddressNotAvailable })
            {
                return ($"web.listen {settings.WebListen}: no such address on this machine", ExitCodes.BadSettings);
            }
            if (e is SocketException { SocketErrorCode: SocketError.AccessDenied })
            {
                return ($"web.listen {settings.WebListen}: permission denied (ports below 1024 need CAP_NET_BIND_SERVICE)", ExitCodes.BadSettings);
            }
        }
        return ($"start-up failed: {exception.GetType().Name}: {exception.Message}", 1);
    }
}
