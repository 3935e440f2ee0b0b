using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// The generator behind a TUN device (<see cref="TunDevice"/>): each leg is a phone at an address of its own
/// (10.250.0.2 up, port <see cref="PhonePort"/>) and each of its packets is one write(2) of a whole IPv4/UDP
/// packet (UDP checksum 0, which IPv4 allows), which the kernel takes in as from a network card. What the relay
/// sends to the phones comes out of the device; a thread reads it (non-blocking reads until empty, then a 50 µs
/// sleep: a reader blocked in read would be woken inside the relay's every send). A TUN device gives no receive
/// time, so latency is to when that thread read the packet: an upper bound on the relay's, by up to the sleep.
/// </summary>
internal sealed unsafe class TunPath : ILoadPath
{
    public const int PhonePort = 40000;
    private const int HeaderBytes = 20 + 8; // IPv4 without options, UDP
    private const int PacketBytes = HeaderBytes + SlotSender.PacketBytes;
    private const int StampEvery = 16;
    private const int ReadBytes = 2048;
    private static readonly long PollTicks = System.Diagnostics.Stopwatch.Frequency / 20_000; // 50 µs

    private readonly TunDevice _device;
    private readonly byte[][] _legHeaders;
    private readonly int _capacity;
    private readonly byte* _packets;
    private readonly LatencyHistogram _latency;
    private readonly int _firstFrame;
    private readonly int _endFrame;
    private volatile bool _stopping;
    private Thread? _thread;
    private long _received;

    public TunPath(TunDevice device, int[] relayPorts, int slotCapacity, LatencyHistogram latency, int firstFrame, int endFrame)
    {
        _device = device;
        _capacity = slotCapacity;
        _latency = latency;
        _firstFrame = firstFrame;
        _endFrame = endFrame;
        _packets = (byte*)NativeMemory.AllocZeroed((nuint)(slotCapacity * PacketBytes));
        var relay = BinaryPrimitives.ReadUInt32BigEndian(TunDevice.RelayAddress.GetAddressBytes());
        _legHeaders = relayPorts.Select((port, leg) => Header(TunDevice.PhoneAddress(leg), relay, port)).ToArray();
    }

    public string LatencyMeaning => "to the generator's read from the TUN device (no kernel receive time there; an upper bound, by up to 50 µs of polling)";

    public int Count { get; private set; }

    public long Received => Interlocked.Read(ref _received);

    public long Unstamped => 0;

    public void StartReceiving()
    {
        _thread = new Thread(Receive) { IsBackground = true, Name = "generator-receive" };
        _thread.Start();
    }

    public void StopReceiving()
    {
        _stopping = true;
        _thread?.Join();
    }

    public void Clear() => Count = 0;

    public void Add(int leg, int frame)
    {
        if (Count == _capacity)
        {
            throw new InvalidOperationException("slot capacity exceeded");
        }

        var packet = new Span<byte>(_packets + (Count * PacketBytes), PacketBytes);
        _legHeaders[leg].CopyTo(packet);
        var rtp = packet[HeaderBytes..];
        rtp[0] = 0x80;
        rtp[1] = 0; // PCMU
        BinaryPrimitives.WriteUInt16BigEndian(rtp[2..], (ushort)frame);
        BinaryPrimitives.WriteUInt32BigEndian(rtp[4..], (uint)frame * 160);
        BinaryPrimitives.WriteUInt32BigEndian(rtp[8..], (uint)leg + 1);
        BinaryPrimitives.WriteInt32LittleEndian(rtp[SlotSender.FrameOffset..], frame);
        BinaryPrimitives.WriteInt32LittleEndian(rtp[SlotSender.LegOffset..], leg);
        rtp[(SlotSender.LegOffset + 4)..].Fill(0xFF);
        Count++;
    }

    public void Send()
    {
        for (var i = 0; i < Count; i++)
        {
            if (i % StampEvery == 0)
            {
                var now = UnixTime.Nanoseconds();
                for (var j = i; j < Math.Min(Count, i + StampEvery); j++)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(new Span<byte>(_packets + (j * PacketBytes) + HeaderBytes + SlotSender.SendTimeOffset, 8), now);
                }
            }

            // A refused write shows as lost.
            _device.Write(_packets + (i * PacketBytes), PacketBytes);
        }
    }

    public void Dispose() => NativeMemory.Free(_packets);

    /// <summary>IPv4 (no options, DF, TTL 64, checksum filled) and UDP (checksum 0) headers from a phone to the relay.</summary>
    private static byte[] Header(uint phone, uint relay, int relayPort)
    {
        var header = new byte[HeaderBytes];
        header[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), PacketBytes);
        header[6] = 0x40; // don't fragment
        header[8] = 64;
        header[9] = 17; // UDP
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(12), phone);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(16), relay);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), Checksum(header.AsSpan(0, 20)));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(20), PhonePort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(22), (ushort)relayPort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(24), 8 + SlotSender.PacketBytes);
        return header;
    }

    /// <summary>The Internet checksum (RFC 1071) of an IPv4 header whose checksum field is 0.</summary>
    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private void Receive()
    {
        PreciseSleep.TightenTimerSlack();
        var buffer = (byte*)NativeMemory.Alloc(ReadBytes);
        try
        {
            while (!_stopping)
            {
                var n = _device.Read(buffer, ReadBytes);
                if (n == 0)
                {
                    PreciseSleep.Until(System.Diagnostics.Stopwatch.GetTimestamp() + PollTicks);
                    continue;
                }

                var packet = new ReadOnlySpan<byte>(buffer, n);
                var ipHeader = (packet[0] & 0x0F) * 4;
                if ((packet[0] >> 4) != 4 || packet[9] != 17 || n < ipHeader + 8 + SlotSender.PacketBytes)
                {
                    continue; // not a relayed RTP packet (an ICMP error, a stray)
                }

                var rtp = packet[(ipHeader + 8)..];
                var frame = BinaryPrimitives.ReadInt32LittleEndian(rtp[SlotSender.FrameOffset..]);
                if (frame >= _firstFrame && frame < _endFrame)
                {
                    _latency.Add(UnixTime.Nanoseconds() - BinaryPrimitives.ReadInt64LittleEndian(rtp[SlotSender.SendTimeOffset..]));
                    Interlocked.Increment(ref _received);
                }
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }
}
