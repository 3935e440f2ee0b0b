using System.Runtime.InteropServices;

namespace EdgePbx.Media.Rtp.Linux;

/// <summary>
/// Preallocated native memory for one recvmmsg(2) of up to <see cref="Count"/> datagrams: the mmsghdr array,
/// one iovec, one sockaddr_storage and one datagram buffer per message, all in one block allocated once,
/// so receiving allocates nothing per packet.
/// </summary>
internal sealed unsafe class ReceiveBatch : IDisposable
{
    public const int DatagramBytes = 1500;
    private const int NameBytes = 128; // sizeof(struct sockaddr_storage)

    private readonly byte* _block;
    private readonly IoVec* _iovecs;
    private readonly byte* _names;
    private readonly byte* _data;
    private int _filled;

    public ReceiveBatch(int count)
    {
        Count = count;
        var headers = (nuint)(count * sizeof(MMsgHdr));
        var iovecs = (nuint)(count * sizeof(IoVec));
        _block = (byte*)NativeMemory.AllocZeroed(headers + iovecs + (nuint)(count * (NameBytes + DatagramBytes)));
        Headers = (MMsgHdr*)_block;
        _iovecs = (IoVec*)(_block + headers);
        _names = _block + headers + iovecs;
        _data = _names + (count * NameBytes);
        for (var i = 0; i < count; i++)
        {
            _iovecs[i].Base = _data + (i * DatagramBytes);
            _iovecs[i].Length = DatagramBytes;
            Headers[i].Header.Iov = &_iovecs[i];
            Headers[i].Header.IovLength = 1;
            Headers[i].Header.Name = _names + (i * NameBytes);
        }

        _filled = count;
        Reset();
    }

    public int Count { get; }

    public MMsgHdr* Headers { get; }

    /// <summary>
    /// One recvmmsg(2) on <paramref name="fd"/>: the number of datagrams now in the batch, or -1 with errno set.
    /// The caller keeps the fd open for the duration (see <see cref="RtpIoLoop"/>).
    /// </summary>
    public int Receive(int fd, int flags)
    {
        Reset();
        var n = LinuxSockets.RecvMmsg(fd, Headers, (uint)Count, flags, null);
        _filled = Math.Max(n, 0);
        return n;
    }

    /// <summary>Restores what the kernel overwrote in the last call (address lengths and flags).</summary>
    private void Reset()
    {
        for (var i = 0; i < _filled; i++)
        {
            Headers[i].Header.NameLength = NameBytes;
            Headers[i].Header.Flags = 0;
            Headers[i].Length = 0;
        }

        _filled = 0;
    }

    /// <summary>Message <paramref name="index"/> came in cut short (longer than <see cref="DatagramBytes"/>).</summary>
    public bool Truncated(int index) => (Headers[index].Header.Flags & LinuxSockets.MsgTrunc) != 0;

    public ReadOnlySpan<byte> Datagram(int index) =>
        new(_data + (index * DatagramBytes), (int)Math.Min(Headers[index].Length, DatagramBytes));

    public ReadOnlySpan<byte> Source(int index) =>
        new(_names + (index * NameBytes), (int)Math.Min(Headers[index].Header.NameLength, NameBytes));

    public void Dispose() => NativeMemory.Free(_block);
}
