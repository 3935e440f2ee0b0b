
namespace EdgePbx.Media.Rtp;

/// <summary>
/// Bound RTP sockets of ended sessions, kept for later sessions instead of closed: under call load, creating,
/// binding and closing two sockets per call (and their epoll registrations) was about 5 % of the daemon's CPU.
/// A socket is handed out again only after it has rested <see cref="Rest"/> and only if nothing reached it in
/// that time (<see cref="RtpSocket.IsQuiet"/>): a peer that missed our BYE and still streams to the port leaves
/// datagrams queued or the socket marked stray, and such a socket is closed rather than given to a new call,
/// whose symmetric-RTP latch would take the stray stream. Sockets keep their RTP I/O loop registration here.
/// Oldest first, so a port rests as long as the pool allows; at most <see cref="Capacity"/> sockets wait.
/// </summary>
internal sealed class RtpSocketPool(TimeProvider time) : IDisposable
{
    /// <summary>How long an ended session's socket rests before another session may have it.</summary>
    public static readonly TimeSpan Rest = TimeSpan.FromSeconds(5);

    /// <summary>At most this many sockets wait (at 200 sessions/s, one rest's worth); more are closed.</summary>
    public const int Capacity = 1024;

    private readonly Queue<(RtpSocket Socket, long ReleasedAt)> _resting = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _resting.Count;
            }
        }
    }

    /// <summary>Takes back the socket of an ended session (the session no longer reads or writes it).</summary>
    public void Return(RtpSocket socket)
    {
        lock (_gate)
        {
            if (!_disposed && _resting.Count < Capacity)
            {
                _resting.Enqueue((socket, time.GetTimestamp()));
                return;
            }
        }

        socket.Dispose();
    }

    /// <summary>
    /// The oldest socket that has rested and is quiet, or null. With <paramref name="restedOrNot"/> (every port
    /// of the range is taken otherwise) the oldest quiet one however short its rest: a call beats a 503.
    /// </summary>
    public RtpSocket? Take(bool restedOrNot = false)
    {
        var now = time.GetTimestamp();
        while (true)
        {
            RtpSocket socket;
            lock (_gate)
            {
                if (_resting.Count == 0 || (!restedOrNot && time.GetElapsedTime(_resting.Peek().ReleasedAt, now) < Rest))
                {
                    return null;
                }

                socket = _resting.Dequeue().Socket;
            }

            if (socket.IsQuiet())
            {
                return socket;
            }

            socket.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_resting.TryDequeue(out var entry))
            {
                entry.Socket.Dispose();
            }
        }
    }
}
