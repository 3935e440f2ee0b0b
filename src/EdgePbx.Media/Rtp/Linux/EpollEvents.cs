using System.Runtime.InteropServices;

namespace EdgePbx.Media.Rtp.Linux;

/// <summary>
/// A native array of struct epoll_event. Its layout differs by architecture: the kernel declares it packed
/// on x86-64 (12 bytes, data at offset 4) and naturally aligned elsewhere, e.g. arm64 (16 bytes, data at 8),
/// so fields are read at computed offsets rather than through a C# struct.
/// </summary>
internal sealed unsafe class EpollEvents : IDisposable
{
    private static readonly bool Packed = RuntimeInformation.ProcessArchitecture == Architecture.X64;
    private static readonly int Stride = Packed ? 12 : 16;
    private static readonly int DataOffset = Packed ? 4 : 8;

    public EpollEvents(int capacity)
    {
        Capacity = capacity;
        Pointer = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * Stride));
    }

    public int Capacity { get; }

    public byte* Pointer { get; private set; }

    public uint Events(int index) => *(uint*)(Pointer + (index * Stride));

    public ulong Data(int index) => ReadUnaligned(Pointer + (index * Stride) + DataOffset);

    public void Set(int index, uint events, ulong data)
    {
        var at = Pointer + (index * Stride);
        *(uint*)at = events;
        WriteUnaligned(at + DataOffset, data);
    }

    public void Dispose()
    {
        NativeMemory.Free(Pointer);
        Pointer = null;
    }

    private static ulong ReadUnaligned(byte* at) => System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(at);

    private static void WriteUnaligned(byte* at, ulong value) => System.Runtime.CompilerServices.Unsafe.WriteUnaligned(at, value);
}
