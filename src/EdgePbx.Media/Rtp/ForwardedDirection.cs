using EdgePbx.Media.Rtp.Linux.Kernel;

namespace EdgePbx.Media.Rtp;

/// <summary>
/// One direction of a relayed call handed to the kernel (<see cref="KernelRtpForwarder"/>): the packets <see cref="From"/>'s
/// peer sends are sent on by the kernel from <see cref="To"/>'s socket, as To's stream, with sequence numbers
/// and timestamps shifted by the fixed amounts set when it was installed. What the relay in user space still
/// sends in this direction (events, packets that went up) uses the same shifts, so the stream stays one.
/// The kernel's counters are folded into both sessions' counters and From's RFC 3550 statistics (every
/// <see cref="RtpSession.TicksPerFold"/> ticks, and before a packet that went up is handled), so the call
/// record and the media timeout see them.
/// </summary>
/// <remarks>
/// <see cref="Gate"/> orders installing, folding, handling a packet that went up and removing; none of them is on
/// the kernel's packet path, which never waits for it.
/// </remarks>
internal sealed class ForwardedDirection(RtpForwardTable table, RtpSession from, RtpSession to, ushort sequenceShift, uint timestampShift)
{
    private long _packets;
    private long _bytes;
    private uint _lastTimestamp;
    private uint _lastPayloadBytes;
    private bool _forwarded;
    private bool _installed;
    private bool _removed;

    public Lock Gate { get; } = new();

    public RtpSession From { get; } = from;

    public RtpSession To { get; } = to;

    public ushort SequenceShift { get; } = sequenceShift;

    public uint TimestampShift { get; } = timestampShift;

    /// <summary>Packets the kernel has forwarded in this direction (folded so far).</summary>
    public long Packets => Volatile.Read(ref _packets);

    /// <summary>
    /// Starts the kernel's forwarding unless the direction was removed first (the call ended meanwhile); To's
    /// entry learns where To's peer is, unless To's own direction is relayed too.
    /// </summary>
    public bool Install(in ForwardRoute route)
    {
        lock (Gate)
        {
            if (_removed)
            {
                return false;
            }

            table.Learn(route.OutSource, route.OutDestination);
            table.Install(route);
            _installed = true;
            return true;
        }
    }

    /// <summary>How long ago (CLOCK_MONOTONIC) the kernel forwarded its last packet, as of the last fold that saw one.</summary>
    public TimeSpan LastPacketAge { get; private set; }

    /// <summary>Folds what the kernel counted since the last fold; true when it forwarded packets meanwhile. Caller holds <see cref="Gate"/>.</summary>
    public bool FoldLocked()
    {
        if (!_installed)
        {
            return false;
        }

        var counters = table.Read(From.LocalPort);
        var packets = counters.Packets - _packets;
        if (packets <= 0)
        {
            return false;
        }

        var bytes = counters.Bytes - _bytes;
        Volatile.Write(ref _packets, counters.Packets);
        _bytes = counters.Bytes;
        From.Counters.PacketsReceived += packets;
        From.Counters.BytesReceived += bytes;
        To.Counters.PacketsSent += packets;
        To.Counters.BytesSent += bytes;
        From.Statistics.AddForwarded(counters.ExtendedHighestSequence, (uint)packets, counters.JitterScaled);
        // Stopwatch is CLOCK_MONOTONIC in nanoseconds on Linux, the clock of bpf_ktime_get_ns.
        var age = System.Diagnostics.Stopwatch.Frequency == 1_000_000_000 ? System.Diagnostics.Stopwatch.GetTimestamp() - counters.LastNanoseconds : 0;
        LastPacketAge = age is > 0 and < 60_000_000_000 ? TimeSpan.FromTicks(age / 100) : TimeSpan.Zero;
        _lastTimestamp = counters.LastTimestamp;
        _lastPayloadBytes = counters.LastPayloadBytes;
        _forwarded = true;
        return true;
    }

    /// <summary>
    /// Stops the kernel sending in this direction at once, without the gate (a memory write): a new latch on To
    /// must not leave the kernel sending to To's old peer until <see cref="Remove"/> has run after the packet.
    /// </summary>
    public void Halt() => table.Remove(From.LocalPort);

    /// <summary>
    /// The kernel stops: From's packets go up to its socket again, the last counts are folded, and To's own
    /// numbering continues after the last packet the kernel sent for it. Idempotent.
    /// </summary>
    public void Remove()
    {
        lock (Gate)
        {
            if (_removed)
            {
                return;
            }

            _removed = true;
            From.LeaveForwarding(this);
            To.LeaveForwarding(this);
            if (!_installed)
            {
                return;
            }

            table.Remove(From.LocalPort);
            table.StopLearning(To.LocalPort);
            FoldLocked();
            if (_forwarded)
            {
                To.ContinueStream(
                    (ushort)(From.Statistics.ExtendedHighestSequence + SequenceShift + 1),
                    _lastTimestamp + TimestampShift + _lastPayloadBytes);
            }
        }
    }
}
