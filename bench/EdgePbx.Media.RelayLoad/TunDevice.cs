using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// A TUN device (layer 3, no packet-info header) that stands in for the box's network card: the generator writes
/// whole IPv4/UDP packets into it, which the kernel receives as from a wire (netif_rx, ip_rcv, the relay's
/// sockets), and reads back the packets the relay sends to the phones' addresses, which the kernel routes out
/// through it as through a card's driver. On loopback both ends are sockets of this host, so the relay's every
/// send also runs the generator socket's receive path inside the relay's system call, and the generator's
/// sendmmsg runs a full UDP send per packet: the two together cost about as much as the relay itself, on the same
/// two cores. The device (<see cref="Name"/>, <see cref="RelayAddress"/>/16, the phones at the addresses above it)
/// goes away when its fd closes. Needs CAP_NET_ADMIN and iproute2's `ip`.
/// </summary>
internal sealed unsafe partial class TunDevice : IDisposable
{
    public const string Name = "edgepbxload0";
    public static readonly IPAddress RelayAddress = IPAddress.Parse("10.250.0.1");

    private const int OpenReadWrite = 2;
    private const int OpenNonBlocking = 0x800;
    private const uint TunSetInterface = 0x400454ca; // TUNSETIFF
    private const short TunMode = 0x0001; // IFF_TUN
    private const short NoPacketInfo = 0x1000; // IFF_NO_PI
    private const int EAgain = 11;

    public TunDevice(int queueLength)
    {
        Fd = Open("/dev/net/tun", OpenReadWrite | OpenNonBlocking);
        if (Fd < 0)
        {
            throw new InvalidOperationException($"open /dev/net/tun failed: errno {Marshal.GetLastPInvokeError()} (needs CAP_NET_ADMIN)");
        }

        // struct ifreq: 16 bytes of name, then the flags (a short) in the union.
        var request = stackalloc byte[40];
        new Span<byte>(request, 40).Clear();
        Encoding.ASCII.GetBytes(Name, new Span<byte>(request, 15));
        *(short*)(request + 16) = TunMode | NoPacketInfo;
        if (Ioctl(Fd, TunSetInterface, request) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Close(Fd);
            throw new InvalidOperationException($"TUNSETIFF failed: errno {errno}");
        }

        // The queue the relay's packets wait in until the generator reads them; a full queue drops (counted lost).
        RunIp($"link set {Name} txqueuelen {queueLength}");
        RunIp($"addr add {RelayAddress}/16 dev {Name}");
        RunIp($"link set {Name} up");
    }

    public int Fd { get; }

    /// <summary>The address of phone <paramref name="leg"/> (10.250.0.2 up), one per leg as each phone is its own host.</summary>
    public static uint PhoneAddress(int leg) => BinaryPrimitives.ReadUInt32BigEndian(RelayAddress.GetAddressBytes()) + 1 + (uint)leg;

    /// <summary>Writes one IPv4 packet; false when the kernel refused it.</summary>
    public bool Write(byte* packet, int length) => WriteFd(Fd, packet, (nuint)length) == length;

    /// <summary>Reads one packet into <paramref name="buffer"/>: its length, 0 when none is waiting.</summary>
    public int Read(byte* buffer, int capacity)
    {
        var n = (int)ReadFd(Fd, buffer, (nuint)capacity);
        if (n < 0 && Marshal.GetLastPInvokeError() != EAgain)
        {
            throw new InvalidOperationException($"read from {Name} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return Math.Max(n, 0);
    }

    public void Dispose() => Close(Fd);

    private static void RunIp(string arguments)
    {
        using var ip = Process.Start(new ProcessStartInfo("ip", arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        var error = ip.StandardError.ReadToEnd();
        ip.WaitForExit();
        if (ip.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {arguments}: {error.Trim()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, uint request, byte* argument);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteFd(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadFd(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
