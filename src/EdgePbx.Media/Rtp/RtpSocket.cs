using System.Net.Sockets;
using EdgePbx.Media.Rtp.Linux;

namespace EdgePbx.Media.Rtp;

/// <summary>
/// A bound RTP socket through the sessions that use it in turn (see <see cref="RtpSocketPool"/>), with its place
/// in an <see cref="RtpIoLoop"/>. The place is taken when the first session receives on arrival and kept while the
/// socket rests and serves later sessions: adding a socket to epoll(7) and removing it again for every relayed
/// leg was about 3 % of the daemon's CPU under call load. The loop reads the socket only for an owner in arrival
/// mode (<see cref="ArrivalOwner"/>); an event while there is none takes the socket out of the epoll set and
/// leaves the datagrams queued (a session that drains on the media clock reads them), and while the socket
/// rests marks it stray, so a peer still streaming to an ended call never reaches the next one.
/// </summary>
/// <remarks>
/// Lock order: this socket's gate, then the loop's. State changes (owner, watched, stray, closed) happen under
/// the gate; the loop's per-packet path reads <see cref="ArrivalOwner"/> without it.
/// </remarks>
internal sealed class RtpSocket(Socket socket) : IDisposable
{
    private readonly Lock _gate = new();
    private RtpSession? _owner;
    private RtpSession? _arrivalOwner;
    private RtpIoRegistration? _registration;
    private bool _watched;
    private bool _stray;
    private bool _closed;

    public Socket Socket { get; } = socket;

    /// <summary>The handle the loop and the sender add-ref around their system calls.</summary>
    public SafeSocketHandle Handle { get; } = socket.SafeHandle;

    /// <summary>The session whose packets the loop hands up as they arrive, or null (the loop must not read).</summary>
    public RtpSession? ArrivalOwner => Volatile.Read(ref _arrivalOwner);

    /// <summary>
    /// Free of anything a peer sent: no stray mark, nothing queued, no pending ICMP error. The pool hands out
    /// only quiet sockets.
    /// </summary>
    public bool IsQuiet()
    {
        lock (_gate)
        {
            if (_stray || _closed)
            {
                return false;
            }

            try
            {
                return Socket.Available == 0;
            }
            catch (SocketException)
            {
                // A pending ICMP error (port unreachable from our last send) counts as noise.
                return false;
            }
        }
    }

    /// <summary>A session starts using the socket (draining it on the media clock until it asks for arrival mode).</summary>
    public void Attach(RtpSession owner)
    {
        lock (_gate)
        {
            _owner = owner;
        }
    }

    /// <summary>The loop that reads this socket, once it has one (kept while the socket rests).</summary>
    public RtpIoLoop? Loop => Volatile.Read(ref _registration)?.Loop;

    /// <summary>The socket's current place; a loop holding an older one (the socket moved) must not read it.</summary>
    public RtpIoRegistration? Registration => Volatile.Read(ref _registration);

    /// <summary>
    /// The owner receives on arrival from now on: the loop is told to watch the socket (added to epoll the first
    /// time, added back if an event while the owner drained on the clock took it out) and reads it for the owner.
    /// With <paramref name="near"/> (the loop of the other leg of a relay) the socket joins that loop, moving there
    /// from another if need be: both directions of a call then run on one thread, which does not fight another
    /// CPU for the two sockets (with two loops on two cores a relayed packet cost 5.3 µs split, 4.9 together).
    /// The move happens before the owner is published: a loop that still sees the old place finds no owner, or
    /// a new owner and a registration not its own (see <see cref="RtpIoLoop"/>'s Drain), and does not read.
    /// </summary>
    public void ReceiveOnArrival(RtpSession owner, RtpIoLoops loops, RtpIoLoop? near = null)
    {
        lock (_gate)
        {
            if (_closed || !ReferenceEquals(_owner, owner))
            {
                return;
            }

            if (_registration is not null && loops.Holds(near) && !ReferenceEquals(_registration.Loop, near))
            {
                _registration.Dispose(_watched);
                Volatile.Write(ref _registration, null);
                _watched = false;
            }

            if (_registration is null)
            {
                Volatile.Write(ref _registration, loops.Add(this, near));
                _watched = true;
            }
            else if (!_watched)
            {
                _watched = _registration.Watch();
            }

            Volatile.Write(ref _arrivalOwner, owner);
        }
    }

    /// <summary>The owner is done with the socket (before it goes back to the pool): the loop stops reading it for them.</summary>
    public void Detach(RtpSession owner)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_owner, owner))
            {
                _owner = null;
                Volatile.Write(ref _arrivalOwner, null);
            }
        }
    }

    /// <summary>
    /// The loop had an event for the socket and no owner in arrival mode to read it for: out of the epoll set (a
    /// level-triggered event would come back at once), the datagrams stay queued, and with no owner at all the
    /// socket is marked stray. Re-checked under the gate: an owner that switched to arrival mode meanwhile keeps
    /// the socket watched and gets the datagrams on the loop's next wait.
    /// </summary>
    public void OnReadableWithoutReader(RtpIoRegistration registration)
    {
        lock (_gate)
        {
            if (_arrivalOwner is not null || _closed || !ReferenceEquals(_registration, registration))
            {
                return;
            }

            if (_owner is null)
            {
                _stray = true;
            }

            if (_watched)
            {
                registration.Unwatch();
                _watched = false;
            }
        }
    }

    /// <summary>The loop read datagrams for an owner that has let the socket go since: they are dropped, and noted.</summary>
    public void MarkStray()
    {
        lock (_gate)
        {
            _stray = true;
        }
    }

    /// <summary>Leaves the loop (while the fd is still this socket's) and closes the socket.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _owner = null;
            Volatile.Write(ref _arrivalOwner, null);
            _registration?.Dispose(_watched);
            Volatile.Write(ref _registration, null);
            _watched = false;
        }

        Socket.Dispose();
    }
}
