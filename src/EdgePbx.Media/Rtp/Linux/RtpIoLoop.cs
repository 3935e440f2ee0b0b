using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgePbx.Media.Rtp.Linux;

/// <summary>
/// One thread that receives for many sessions in arrival mode: it blocks in epoll_wait(2) (level-triggered)
/// over their sockets and drains each ready socket with one recvmmsg(2) of up to a batch of datagrams, handing
/// each to its session (parse, latch, statistics, receiver; a relay forwards from there on this thread). That
/// is about two system calls per relayed packet (recvmmsg in, sendto out) where the runtime's socket engine
/// makes a recvfrom, an EAGAIN recvfrom, an epoll wake-up and a thread-pool hand-off for each one.
/// <para>
/// Sockets, not sessions, are registered: an <see cref="RtpSocket"/> keeps its slot while it rests in the pool
/// and serves later sessions, and the loop reads it only for its <see cref="RtpSocket.ArrivalOwner"/>. An event
/// with no such owner takes the socket out of the epoll set without reading it (see
/// <see cref="RtpSocket.OnReadableWithoutReader"/>); datagrams read for an owner that has let the socket go since
/// are dropped and mark the socket stray.
/// </para>
/// <para>
/// Lifetime: a socket may be closed on another thread while this one is about to read it. The fd is held with
/// <c>DangerousAddRef</c> across each recvmmsg, so it cannot be closed (and its number reused by a new socket)
/// under the call; a closed socket's handle refuses the add-ref and is skipped. epoll_data carries a slot and
/// that slot's generation, so an event already returned for a socket that has since closed (and whose slot went
/// to a newcomer) is recognised as stale. Sockets leave the set before they close.
/// </para>
/// </summary>
internal sealed unsafe class RtpIoLoop : IDisposable
{
    private const int MaxEvents = 256;
    private const int BatchSize = 16;
    private const ulong WakeToken = ulong.MaxValue;

    private readonly int _epoll;
    private readonly int _wake;
    private readonly EpollEvents _events = new(MaxEvents);
    private readonly EpollEvents _control = new(1);
    private readonly Lock _controlGate = new();
    private readonly ReceiveBatch _batch = new(BatchSize);
    private readonly Thread _thread;
    private readonly int _realtimePriority;
    private readonly ManualResetEventSlim _started = new();
    private readonly Lock _gate = new();
    private readonly Stack<int> _freeSlots = new();
    private RtpIoRegistration?[] _slots = new RtpIoRegistration?[64];
    private uint[] _generations = new uint[64];
    private int _usedSlots;
    private bool _stopping;

    /// <param name="realtimePriority">SCHED_FIFO priority for the loop's thread (see <see cref="RealtimeScheduling"/>); 0: an ordinary thread.</param>
    public RtpIoLoop(string name, int realtimePriority = 0)
    {
        _realtimePriority = realtimePriority;
        _epoll = LinuxSockets.EpollCreate(LinuxSockets.EpollCloexec);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _wake = LinuxSockets.EventFd(0, LinuxSockets.EfdCloexec | LinuxSockets.EfdNonBlock);
        if (_wake < 0 || Control(LinuxSockets.EpollCtlAdd, _wake, WakeToken) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            LinuxSockets.Close(_epoll);
            throw new InvalidOperationException($"eventfd for the RTP loop failed: errno {errno}");
        }

        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();

        // The thread sets its own policy first thing; wait for the outcome so that the owner can report it.
        // (Disposed with the loop, not here: Wait may return while the thread is still inside Set.)
        _started.Wait();
    }

    /// <summary>0 when the thread runs SCHED_FIFO as asked, the errno of sched_setscheduler(2) when it could not; null when not asked.</summary>
    public int? RealtimeError { get; private set; }

    /// <summary>Sockets registered with this loop (those of arrival-mode sessions and those resting after one).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _usedSlots;
            }
        }
    }

    /// <summary>Registers <paramref name="socket"/> and watches it; the registration lasts until the socket closes.</summary>
    public RtpIoRegistration Add(RtpSocket socket)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (!_freeSlots.TryPop(out var slot))
            {
                slot = _usedSlots;
                if (slot == _slots.Length)
                {
                    // Published before the fd is added, so the loop never sees an event for a slot beyond its array.
                    Array.Resize(ref _generations, slot * 2);
                    var grown = new RtpIoRegistration?[slot * 2];
                    _slots.CopyTo(grown, 0);
                    Volatile.Write(ref _slots, grown);
                }
            }

            var token = ((ulong)++_generations[slot] << 32) | (uint)slot;
            var registration = new RtpIoRegistration(this, socket, slot, token);
            Volatile.Write(ref _slots[slot], registration);
            _usedSlots++;
            if (!Control(socket, LinuxSockets.EpollCtlAdd, token))
            {
                var errno = Marshal.GetLastPInvokeError();
                Free(registration);
                throw new InvalidOperationException($"epoll_ctl ADD failed: errno {errno}");
            }

            return registration;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
        }

        ulong one = 1;
        LinuxSockets.Write(_wake, &one, sizeof(ulong));
        _thread.Join();
        LinuxSockets.Close(_wake);
        LinuxSockets.Close(_epoll);
        _events.Dispose();
        _control.Dispose();
        _batch.Dispose();
        _started.Dispose();
    }

    internal bool Watch(RtpIoRegistration registration) =>
        !Volatile.Read(ref _stopping) && Control(registration.Socket, LinuxSockets.EpollCtlAdd, registration.Token);

    internal void Unwatch(RtpIoRegistration registration) =>
        Control(registration.Socket, LinuxSockets.EpollCtlDel, 0);

    internal void Remove(RtpIoRegistration registration, bool watched)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_slots[registration.Slot], registration))
            {
                return;
            }

            if (watched && !_stopping)
            {
                // The socket is still open (it closes after this), so the fd is still its own.
                Control(registration.Socket, LinuxSockets.EpollCtlDel, 0);
            }

            Free(registration);
        }
    }

    private void Free(RtpIoRegistration registration)
    {
        Volatile.Write(ref _slots[registration.Slot], null);
        _freeSlots.Push(registration.Slot);
        _usedSlots--;
    }

    private int Control(int operation, int fd, ulong token)
    {
        // One control event buffer: Add and Remove hold _gate, Watch and Unwatch their socket's gate, so two
        // threads may get here at once.
        lock (_controlGate)
        {
            _control.Set(0, LinuxSockets.EpollIn, token);
            return LinuxSockets.EpollCtl(_epoll, operation, fd, _control.Pointer);
        }
    }

    /// <summary>epoll_ctl on the socket's fd, held against closing for the call; false if it failed or is closed.</summary>
    private bool Control(RtpSocket socket, int operation, ulong token)
    {
        var handle = socket.Handle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Control(operation, (int)handle.DangerousGetHandle(), token) == 0;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    // Fully optimised from the start: this thread lives for the process, and tiering its loop and per-packet
    // path up while it runs (call counting, OSR) put small one-off runtime allocations on it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        if (_realtimePriority > 0)
        {
            RealtimeError = RealtimeScheduling.RaiseCallingThread(_realtimePriority);
        }

        _started.Set();
        while (true)
        {
            var ready = LinuxSockets.EpollWait(_epoll, _events.Pointer, MaxEvents, -1);
            if (ready < 0)
            {
                if (Marshal.GetLastPInvokeError() == LinuxSockets.EIntr)
                {
                    continue;
                }

                throw new InvalidOperationException($"epoll_wait failed: errno {Marshal.GetLastPInvokeError()}");
            }

            for (var i = 0; i < ready; i++)
            {
                var token = _events.Data(i);
                if (token == WakeToken)
                {
                    if (Volatile.Read(ref _stopping))
                    {
                        return;
                    }

                    continue;
                }

                var slots = Volatile.Read(ref _slots);
                var slot = (int)(uint)token;
                if (slot < slots.Length && Volatile.Read(ref slots[slot]) is { } registration && registration.Token == token)
                {
                    Drain(registration);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Drain(RtpIoRegistration registration)
    {
        var socket = registration.Socket;
        var owner = socket.ArrivalOwner;
        if (owner is null)
        {
            // Resting, or its session drains on the media clock: not ours to read.
            socket.OnReadableWithoutReader(registration);
            return;
        }

        if (!ReferenceEquals(socket.Registration, registration))
        {
            // The socket moved to its relay partner's loop (an event of its old place, read before the move):
            // that loop reads it now. Checked after the owner: the move is published before the owner is.
            return;
        }

        var handle = socket.Handle;
        var added = false;
        int received;
        try
        {
            handle.DangerousAddRef(ref added);
            received = _batch.Receive((int)handle.DangerousGetHandle(), LinuxSockets.MsgDontWait);
        }
        catch (ObjectDisposedException)
        {
            // Closed on another thread since epoll_wait returned; its registration is going away.
            return;
        }
        finally
        {
            // Released before the datagrams go up, so a Dispose on a call thread never waits for the relay's work.
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        // Negative: EAGAIN (another event already drained it), or ECONNREFUSED: an ICMP port unreachable from an
        // earlier send, which recvmmsg reports once and clears; neither is fatal, and level-triggered epoll says
        // again if datagrams are still waiting.
        // A receiver's fault is caught and logged by the session itself (its media goes on, and every other call's).
        for (var i = 0; i < received; i++)
        {
            if (!ReferenceEquals(socket.ArrivalOwner, owner))
            {
                // The call ended while they were read: not for whoever has the socket next.
                socket.MarkStray();
                return;
            }

            owner.OnDatagram(_batch.Datagram(i), _batch.Source(i), _batch.Truncated(i));
        }
    }
}
