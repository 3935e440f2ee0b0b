using System.Net.Sockets;
using System.Text;

namespace EdgePbx.Daemon.Systemd;

/// <summary>
/// sd_notify(3) over the unix datagram socket named by NOTIFY_SOCKET. Written here rather than relying on
/// Microsoft.Extensions.Hosting.Systemd alone because that library only notifies when its parent is
/// systemd, and tests (and other supervisors) hand the daemon a socket of their own.
/// </summary>
public sealed class NotifySocket : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _target;

    public NotifySocket(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }
        // sd_notify(3): a leading '@' names a socket in the abstract namespace.
        string name = path[0] == '@' ? "\0" + path[1..] : path;
        _target = new UnixDomainSocketEndPoint(name);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    public static NotifySocket FromEnvironment() => new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    public bool IsEnabled => _socket is not null;

    /// <summary>Sends one state message ("READY=1", "WATCHDOG=1", ...). Returns false when nobody listens.</summary>
    public bool Send(string state)
    {
        if (_socket is null || _target is null)
        {
            return false;
        }
        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _target);
            return true;
        }
        catch (SocketException)
        {
            // The supervisor went away; notifications are advisory and must never stop the daemon.
            return false;
        }
    }

    public void Dispose() => _socket?.Dispose();
}
