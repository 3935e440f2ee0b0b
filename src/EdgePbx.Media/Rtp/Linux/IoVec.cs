using System.Runtime.InteropServices;

namespace EdgePbx.Media.Rtp.Linux;

/// <summary>struct iovec: one buffer of a scatter/gather message.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public byte* Base;
    public nuint Length;
}
