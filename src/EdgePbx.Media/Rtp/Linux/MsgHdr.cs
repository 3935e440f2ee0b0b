using System.Runtime.InteropServices;

namespace EdgePbx.Media.Rtp.Linux;

/// <summary>
/// struct msghdr of recvmsg(2): where the source address goes, the data buffers, and flags (MSG_TRUNC).
/// Pointer-sized fields are pointers or nuint so that sequential layout matches C's on 64- and 32-bit.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public byte* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}
