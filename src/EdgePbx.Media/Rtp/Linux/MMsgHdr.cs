using System.Runtime.InteropServices;

namespace EdgePbx.Media.Rtp.Linux;

/// <summary>
/// struct mmsghdr of recvmmsg(2)/sendmmsg(2): one message and the byte count the kernel fills in. The
/// msghdr stays a nested struct: flattening it would lose its tail padding and misplace the count.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MMsgHdr
{
    public MsgHdr Header;
    public uint Length;
}
