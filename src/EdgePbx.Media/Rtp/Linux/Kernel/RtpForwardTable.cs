using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace EdgePbx.Media.Rtp.Linux.Kernel;

/// <summary>
/// The forwarding table: a BPF array map of one <see cref="ForwardEntry"/> per port of the RTP range, created
/// mmapable and mapped into this process, so that installing a route, removing it and reading its counters are
/// memory accesses, not system calls. Installing writes the route with the entry inactive and then marks it
/// active (a release store); removing clears the mark first. The program reads the mark before the route.
/// </summary>
internal sealed unsafe class RtpForwardTable : IDisposable
{
    private readonly nint _memory;
    private readonly nuint _length;
    private bool _disposed;

    private RtpForwardTable(int fd, nint memory, nuint length, int firstPort, int ports)
    {
        Fd = fd;
        _memory = memory;
        _length = length;
        FirstPort = firstPort;
        Ports = ports;
    }

    public int Fd { get; }

    public int FirstPort { get; }

    public int Ports { get; }

    /// <summary>A table for ports <paramref name="firstPort"/> .. +<paramref name="ports"/>-1, or the errno of the call that failed.</summary>
    public static RtpForwardTable? Create(int firstPort, int ports, out int errno)
    {
        var attributes = stackalloc byte[BpfSystemCalls.AttributeSize];
        new Span<byte>(attributes, BpfSystemCalls.AttributeSize).Clear();
        *(uint*)(attributes + 0) = BpfSystemCalls.MapTypeArray;
        *(uint*)(attributes + 4) = 4; // key: the index
        *(uint*)(attributes + 8) = ForwardEntry.Size;
        *(uint*)(attributes + 12) = (uint)ports;
        *(uint*)(attributes + 16) = BpfSystemCalls.MapMmapable;
        "edgepbx_rtp"u8.CopyTo(new Span<byte>(attributes + 28, 16));
        var fd = BpfSystemCalls.Bpf(BpfSystemCalls.MapCreate, attributes);
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        var page = (nuint)Environment.SystemPageSize;
        var length = ((nuint)ports * ForwardEntry.Size + page - 1) / page * page;
        var memory = BpfSystemCalls.Mmap(0, length, BpfSystemCalls.ProtRead | BpfSystemCalls.ProtWrite, BpfSystemCalls.MapShared, fd, 0);
        if (memory == -1)
        {
            errno = Marshal.GetLastPInvokeError();
            LinuxSockets.Close(fd);
            return null;
        }

        errno = 0;
        return new RtpForwardTable(fd, memory, length, firstPort, ports);
    }

    /// <summary>True when <paramref name="port"/> has an entry in this table.</summary>
    public bool Covers(int port) => port >= FirstPort && port - FirstPort < Ports;

    /// <summary>Starts forwarding the packets to <paramref name="route"/>'s local port in the kernel.</summary>
    public void Install(in ForwardRoute route)
    {
        if (Volatile.Read(ref _disposed))
        {
            return; // a call ending after the factory at shut-down: the table is unmapped (as below)
        }

        _ = EntryOf(route.OutSource.Port); // the partner's entry, which the program looks up
        var entry = ResetEntry(route.Local, route.Peer);
        WritePort(entry + ForwardEntry.OutSourcePort, route.OutSource.Port);
        WriteAddress(entry + ForwardEntry.OutDestinationAddress, route.OutDestination.Address);
        WritePort(entry + ForwardEntry.OutDestinationPort, route.OutDestination.Port);
        entry[ForwardEntry.PayloadType] = route.PayloadType;
        BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(entry + ForwardEntry.OutSsrc, 4), route.OutSsrc);
        *(ushort*)(entry + ForwardEntry.SequenceShift) = route.SequenceShift;
        *(uint*)(entry + ForwardEntry.TimestampShift) = route.TimestampShift;
        *(uint*)(entry + ForwardEntry.ExtendedHighestSequence) = route.ExtendedHighestSequence;
        *(uint*)(entry + ForwardEntry.JitterScaled) = route.JitterScaled;
        *(uint*)(entry + ForwardEntry.PartnerIndex) = (uint)(route.OutSource.Port - FirstPort);
        Volatile.Write(ref *(uint*)(entry + ForwardEntry.Active), ForwardEntry.Forwarding);
    }

    /// <summary>
    /// The leg at <paramref name="local"/> is the other end of a relayed direction whose own packets stay in user
    /// space: the program notes where its <paramref name="peer"/> is (interface, address it sends to), so that
    /// the direction towards it can be relayed. Leaves a forwarding entry as it is.
    /// </summary>
    public void Learn(IPEndPoint local, IPEndPoint peer)
    {
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        var entry = EntryOf(local.Port);
        if (Volatile.Read(ref *(uint*)(entry + ForwardEntry.Active)) == ForwardEntry.Forwarding)
        {
            return;
        }

        ResetEntry(local, peer);
        Volatile.Write(ref *(uint*)(entry + ForwardEntry.Active), ForwardEntry.Learning);
    }

    /// <summary>Ends <see cref="Learn"/> for <paramref name="port"/> (a forwarding entry stays).</summary>
    public void StopLearning(int port)
    {
        if (!Volatile.Read(ref _disposed))
        {
            Interlocked.CompareExchange(ref *(uint*)(EntryOf(port) + ForwardEntry.Active), 0, ForwardEntry.Learning);
        }
    }

    /// <summary>Stops forwarding for <paramref name="port"/>: its packets go up to the socket again.</summary>
    public void Remove(int port)
    {
        if (!Volatile.Read(ref _disposed))
        {
            Volatile.Write(ref *(uint*)(EntryOf(port) + ForwardEntry.Active), 0);
        }
    }

    /// <summary>The program's counters for <paramref name="port"/> (each field read once; they may move on meanwhile).</summary>
    public ForwardCounters Read(int port)
    {
        if (Volatile.Read(ref _disposed))
        {
            return default;
        }

        var entry = EntryOf(port);
        return new ForwardCounters(
            (long)Volatile.Read(ref *(ulong*)(entry + ForwardEntry.Packets)),
            (long)Volatile.Read(ref *(ulong*)(entry + ForwardEntry.Bytes)),
            Volatile.Read(ref *(uint*)(entry + ForwardEntry.ExtendedHighestSequence)),
            Volatile.Read(ref *(uint*)(entry + ForwardEntry.JitterScaled)),
            Volatile.Read(ref *(uint*)(entry + ForwardEntry.LastTimestamp)),
            Volatile.Read(ref *(uint*)(entry + ForwardEntry.LastPayloadBytes)),
            (long)Volatile.Read(ref *(ulong*)(entry + ForwardEntry.LastNanoseconds)));
    }

    /// <summary>Packets the kernel forwarded for the routes installed now (each counts from its install).</summary>
    public long PacketsForwarded()
    {
        long total = 0;
        for (var port = FirstPort; port < FirstPort + Ports && !Volatile.Read(ref _disposed); port++)
        {
            var entry = EntryOf(port);
            if (Volatile.Read(ref *(uint*)(entry + ForwardEntry.Active)) == ForwardEntry.Forwarding)
            {
                total += (long)Volatile.Read(ref *(ulong*)(entry + ForwardEntry.Packets));
            }
        }

        return total;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Volatile.Write(ref _disposed, true);
        BpfSystemCalls.Munmap(_memory, _length);
        LinuxSockets.Close(Fd);
    }

    private byte* EntryOf(int port)
    {
        if (!Covers(port))
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, $"outside the table's {FirstPort}-{FirstPort + Ports - 1}");
        }

        return (byte*)_memory + ((port - FirstPort) * ForwardEntry.Size);
    }

    // The entry of local's port, made inactive and cleared (the program's half too), with the leg and its peer.
    private byte* ResetEntry(IPEndPoint local, IPEndPoint peer)
    {
        var entry = EntryOf(local.Port);
        Volatile.Write(ref *(uint*)(entry + ForwardEntry.Active), 0);
        new Span<byte>(entry + 4, ForwardEntry.Size - 4).Clear();
        if (!local.Address.Equals(IPAddress.Any))
        {
            WriteAddress(entry + ForwardEntry.LocalAddress, local.Address);
        }

        WriteAddress(entry + ForwardEntry.PeerAddress, peer.Address);
        WritePort(entry + ForwardEntry.PeerPort, peer.Port);
        return entry;
    }

    private static void WriteAddress(byte* at, IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork || !address.TryWriteBytes(new Span<byte>(at, 4), out _))
        {
            throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        }
    }

    private static void WritePort(byte* at, int port) => BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(at, 2), (ushort)port);
}
