using System.Runtime.InteropServices;

namespace EdgePbx.Media.Rtp.Linux.Kernel;

/// <summary>
/// bpf(2) and mmap(2), the calls that create the forwarding table, load the program and attach it (tcx, kernel 6.6+).
/// bpf has no libc wrapper: it goes through syscall(2) with the architecture's number. Errors come back as -1
/// with errno in <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static unsafe partial class BpfSystemCalls
{
    public const int MapCreate = 0;
    public const int ProgramLoad = 5;
    public const int LinkCreate = 28;

    public const int MapTypeArray = 2;
    public const int ProgramTypeSchedClassifier = 3;
    public const int AttachTcxIngress = 46;
    public const uint MapMmapable = 1u << 10;

    public const int ProtRead = 1;
    public const int ProtWrite = 2;
    public const int MapShared = 1;

    /// <summary>The size of union bpf_attr this code fills (the kernel accepts a shorter one, zeroes beyond).</summary>
    public const int AttributeSize = 144;

    private const string Libc = "libc";

    public static int Bpf(int command, byte* attributes)
    {
        var number = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 321,
            Architecture.Arm64 => 280,
            _ => -1,
        };
        if (number < 0)
        {
            Marshal.SetLastPInvokeError(38); // ENOSYS
            return -1;
        }

        return (int)Syscall(number, command, attributes, AttributeSize);
    }

    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, nint command, byte* attributes, nint size);

    [LibraryImport(Libc, EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport(Libc, EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint address, nuint length);
}
