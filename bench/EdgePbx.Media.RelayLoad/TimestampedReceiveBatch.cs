using System.Runtime.InteropServices;
using EdgePbx.Media.Rtp.Linux;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// Native memory for one recvmmsg(2) of up to <see cref="Count"/> datagrams with their kernel receive times:
/// per message an iovec, a datagram buffer and a control buffer for the SCM_TIMESTAMPNS message that a socket
/// with SO_TIMESTAMPNS gets (struct timespec, CLOCK_REALTIME, taken when the datagram reached the socket).
/// On loopback that is the instant the sender's sendto delivered it, so the receiving thread's own wake-up and
/// scheduling delay are not counted as the sender's latency.
/// </summary>
internal sealed unsafe class TimestampedReceiveBatch : IDisposable
{
    public const int DatagramBytes = 1500;
    private const int ControlBytes = 64; // cmsghdr (16) + timespec (16), room to spare
    private const int SolSocket = 1;
    private const int ScmTimestampNs = 35; // SO_TIMESTAMPNS_OLD / SCM_TIMESTAMPNS on x86_64 and arm64

    private readonly byte* _block;
    private readonly IoVec* _iovecs;
    private readonly byte* _data;
    private readonly byte* _control;
    private readonly MMsgHdr* _headers;

    public TimestampedReceiveBatch(int count)
    {
        Count = count;
        var headers = count * sizeof(MMsgHdr);
        var iovecs = count * sizeof(IoVec);
        _block = (byte*)NativeMemory.AllocZeroed((nuint)(headers + iovecs + (count * (DatagramBytes + ControlBytes))));
        _headers = (MMsgHdr*)_block;
        _iovecs = (IoVec*)(_block + headers);
        _data = _block + headers + iovecs;
        _control = _data + (count * DatagramBytes);
        for (var i = 0; i < count; i++)
        {
            _iovecs[i].Base = _data + (i * DatagramBytes);
            _iovecs[i].Length = DatagramBytes;
            _headers[i].Header.Iov = &_iovecs[i];
            _headers[i].Header.IovLength = 1;
            _headers[i].Header.Control = _control + (i * ControlBytes);
        }
    }

    public int Count { get; }

    /// <summary>Socket option that makes the kernel attach receive times (SOL_SOCKET, SO_TIMESTAMPNS).</summary>
    public static (int Level, int Name) TimestampOption => (SolSocket, ScmTimestampNs);

    /// <summary>One recvmmsg(2): the number of datagrams received, or -1 with errno set.</summary>
    public int Receive(int fd, int flags)
    {
        for (var i = 0; i < Count; i++)
        {
            _headers[i].Header.ControlLength = ControlBytes;
            _headers[i].Header.Flags = 0;
            _headers[i].Length = 0;
        }

        return LinuxSockets.RecvMmsg(fd, _headers, (uint)Count, flags, null);
    }

    public ReadOnlySpan<byte> Datagram(int index) =>
        new(_data + (index * DatagramBytes), (int)Math.Min(_headers[index].Length, DatagramBytes));

    /// <summary>The kernel's receive time of message <paramref name="index"/> in Unix nanoseconds, or null if none came.</summary>
    public long? ReceivedUnixNanoseconds(int index)
    {
        // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } then the data, aligned to 8.
        var length = (long)_headers[index].Header.ControlLength;
        var control = _control + (index * ControlBytes);
        var offset = 0L;
        while (offset + 16 <= length)
        {
            var cmsgLength = (long)*(nuint*)(control + offset);
            var level = *(int*)(control + offset + 8);
            var type = *(int*)(control + offset + 12);
            if (cmsgLength < 16)
            {
                return null;
            }

            if (level == SolSocket && type == ScmTimestampNs && cmsgLength >= 32)
            {
                var seconds = *(long*)(control + offset + 16);
                var nanoseconds = *(long*)(control + offset + 24);
                return (seconds * 1_000_000_000) + nanoseconds;
            }

            offset += (cmsgLength + 7) & ~7L;
        }

        return null;
    }

    public void Dispose() => NativeMemory.Free(_block);
}
