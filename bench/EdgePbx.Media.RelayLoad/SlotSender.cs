using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using EdgePbx.Media.Rtp.Linux;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// Sends one 1 ms slot's packets (both legs of every call in the slot) with sendmmsg(2) in batches of at most
/// <see cref="BatchSize"/>. Packets, iovecs and destination addresses live in native memory allocated once;
/// per slot only the RTP header fields, the frame number and the send time are written. The send time
/// (CLOCK_REALTIME, Unix ns, the clock of the receiver's kernel timestamps) is taken just before each batch's
/// sendmmsg: a loopback send delivers each datagram in turn (a few µs each), so one stamp for a whole slot of
/// 200 packets would count up to a millisecond of the generator's own sending as latency.
/// </summary>
internal sealed unsafe class SlotSender : IDisposable
{
    public const int PacketBytes = 12 + 160;
    public const int SendTimeOffset = 12;
    public const int FrameOffset = 20;
    public const int LegOffset = 24;
    public const int BatchSize = 16;

    private const int NameBytes = 16; // sockaddr_in
    private readonly int _capacity;
    private readonly byte* _block;
    private readonly MMsgHdr* _headers;
    private readonly IoVec* _iovecs;
    private readonly byte* _packets;
    private readonly byte* _names;
    private readonly byte[][] _destinations;

    public SlotSender(int capacity, IReadOnlyList<IPEndPoint> destinations)
    {
        _capacity = capacity;
        var headers = capacity * sizeof(MMsgHdr);
        var iovecs = capacity * sizeof(IoVec);
        _block = (byte*)NativeMemory.AllocZeroed((nuint)(headers + iovecs + (capacity * (PacketBytes + NameBytes))));
        _headers = (MMsgHdr*)_block;
        _iovecs = (IoVec*)(_block + headers);
        _packets = _block + headers + iovecs;
        _names = _packets + (capacity * PacketBytes);
        for (var i = 0; i < capacity; i++)
        {
            _iovecs[i] = new IoVec { Base = _packets + (i * PacketBytes), Length = PacketBytes };
            _headers[i].Header.Iov = &_iovecs[i];
            _headers[i].Header.IovLength = 1;
            _headers[i].Header.Name = _names + (i * NameBytes);
            _headers[i].Header.NameLength = NameBytes;
            var packet = new Span<byte>(_packets + (i * PacketBytes), PacketBytes);
            packet[0] = 0x80;
            packet[1] = 0; // PCMU
            packet[(LegOffset + 4)..].Fill(0xFF);
        }

        _destinations = destinations.Select(d =>
        {
            var address = d.Serialize();
            return address.Buffer.Span[..NameBytes].ToArray();
        }).ToArray();
    }

    public int Count { get; private set; }

    /// <summary>Packets the kernel refused (sendmmsg errors), which count as sent and will show as lost.</summary>
    public long Errors { get; private set; }

    public void Clear() => Count = 0;

    /// <summary>Adds leg <paramref name="leg"/>'s packet of <paramref name="frame"/> to this slot.</summary>
    public void Add(int leg, int frame)
    {
        if (Count == _capacity)
        {
            throw new InvalidOperationException("slot capacity exceeded");
        }

        var packet = new Span<byte>(_packets + (Count * PacketBytes), PacketBytes);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)frame);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], (uint)frame * 160);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], (uint)leg + 1);
        BinaryPrimitives.WriteInt32LittleEndian(packet[FrameOffset..], frame);
        BinaryPrimitives.WriteInt32LittleEndian(packet[LegOffset..], leg);
        _destinations[leg].CopyTo(new Span<byte>(_names + (Count * NameBytes), NameBytes));
        Count++;
    }

    /// <summary>Stamps every packet of the slot with the time now and sends them all.</summary>
    public void Send(GeneratorSocket socket)
    {
        var handle = socket.Handle;
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            var sent = 0;
            while (sent < Count)
            {
                var batch = Math.Min(BatchSize, Count - sent);
                var now = UnixTime.Nanoseconds();
                for (var i = sent; i < sent + batch; i++)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(new Span<byte>(_packets + (i * PacketBytes) + SendTimeOffset, 8), now);
                }

                var n = LinuxSockets.SendMmsg(fd, _headers + sent, (uint)batch, 0);
                if (n > 0)
                {
                    sent += n;
                }
                else if (Marshal.GetLastPInvokeError() is not (LinuxSockets.EIntr or LinuxSockets.EConnRefused))
                {
                    // The message at the head failed; skip it so one bad destination cannot stall the slot.
                    Errors++;
                    sent++;
                }
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public void Dispose() => NativeMemory.Free(_block);
}
