using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgePbx.Media.Rtp.Linux.Kernel;

/// <summary>
/// Relays bridged legs' RTP inside the kernel: the <see cref="RtpForwardProgram"/> attached (tcx ingress) to
/// the interfaces the RTP range is bound on, and its <see cref="RtpForwardTable"/>. A relayed packet then costs
/// no system call, no copy to user space and no wake-up of the I/O thread; the kernel rewrites it and sends it
/// on while it is still in the receive path. Needs CAP_BPF and CAP_NET_ADMIN (and tcx, Linux 6.6); without
/// them <see cref="Open"/> says why and the relay stays in user space. The program leaves with the process:
/// its links are file descriptors of ours, closed on exit however we exit.
/// </summary>
internal sealed unsafe class KernelRtpForwarder : IDisposable
{
    private readonly List<int> _links;
    private readonly int _program;

    private KernelRtpForwarder(RtpForwardTable table, int program, List<int> links, string interfaces)
    {
        Table = table;
        _program = program;
        _links = links;
        Interfaces = interfaces;
    }

    public RtpForwardTable Table { get; }

    /// <summary>EDGEPBX_RTP_KERNEL_FORWARD=1 asks for it (the service unit sets it, with the capabilities).</summary>
    public static bool Requested => OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("EDGEPBX_RTP_KERNEL_FORWARD") == "1";

    /// <summary>The interfaces the program is attached to, for the log.</summary>
    public string Interfaces { get; }

    /// <summary>
    /// A forwarder for RTP ports <paramref name="range"/> on <paramref name="bindAddress"/> (IPv4; any: every
    /// interface that is up), or null with the reason: the failing call and its errno, or the verifier's log.
    /// </summary>
    public static KernelRtpForwarder? Open(RtpPortRange range, IPAddress bindAddress, out string? error)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(bindAddress);
        if (!OperatingSystem.IsLinux() || !BitConverter.IsLittleEndian || bindAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            error = "kernel forwarding needs Linux on a little-endian CPU and an IPv4 RTP address";
            return null;
        }

        List<(string Name, int Index)> interfaces;
        try
        {
            interfaces = InterfacesFor(bindAddress);
        }
        catch (Exception e) when (e is NetworkInformationException or IOException or UnauthorizedAccessException)
        {
            error = $"the interfaces could not be listed: {e.Message}";
            return null;
        }

        if (interfaces.Count == 0)
        {
            error = $"no interface is up with {bindAddress}";
            return null;
        }

        var table = RtpForwardTable.Create(range.First, range.Last - range.First + 1, out var errno);
        if (table is null)
        {
            error = $"bpf(BPF_MAP_CREATE) failed: errno {errno}" + errno switch
            {
                1 => " (needs CAP_BPF)",
                38 => " (no bpf(2) here: an emulator, or a kernel without CONFIG_BPF_SYSCALL)",
                _ => string.Empty,
            };
            return null;
        }

        var program = Load(RtpForwardProgram.Build(table.Fd, table.FirstPort, table.Ports), out error);
        if (program < 0)
        {
            table.Dispose();
            return null;
        }

        var links = new List<int>();
        foreach (var (name, index) in interfaces)
        {
            var link = Attach(program, index);
            if (link < 0)
            {
                errno = Marshal.GetLastPInvokeError();
                links.ForEach(l => LinuxSockets.Close(l));
                LinuxSockets.Close(program);
                table.Dispose();
                error = $"bpf(BPF_LINK_CREATE, tcx ingress of {name}) failed: errno {errno} (needs CAP_NET_ADMIN and Linux 6.6)";
                return null;
            }

            links.Add(link);
        }

        error = null;
        return new KernelRtpForwarder(table, program, links, string.Join(", ", interfaces.Select(i => i.Name)));
    }

    public void Dispose()
    {
        foreach (var link in _links)
        {
            LinuxSockets.Close(link);
        }

        _links.Clear();
        LinuxSockets.Close(_program);
        Table.Dispose();
    }

    private static int Load(BpfInstruction[] code, out string? error)
    {
        const int logSize = 64 * 1024;
        var log = new byte[logSize];
        var license = "Dual MIT/GPL\0"u8.ToArray(); // the helpers used are GPL-only; the program is ours under either
        var attributes = stackalloc byte[BpfSystemCalls.AttributeSize];
        new Span<byte>(attributes, BpfSystemCalls.AttributeSize).Clear();
        fixed (BpfInstruction* instructions = code)
        fixed (byte* licenseText = license)
        fixed (byte* logBuffer = log)
        {
            *(uint*)(attributes + 0) = BpfSystemCalls.ProgramTypeSchedClassifier;
            *(uint*)(attributes + 4) = (uint)code.Length;
            *(ulong*)(attributes + 8) = (ulong)instructions;
            *(ulong*)(attributes + 16) = (ulong)licenseText;
            *(uint*)(attributes + 24) = 1; // log level: the verifier explains a refusal
            *(uint*)(attributes + 28) = logSize;
            *(ulong*)(attributes + 32) = (ulong)logBuffer;
            "edgepbx_rtp"u8.CopyTo(new Span<byte>(attributes + 48, 16));
            var fd = BpfSystemCalls.Bpf(BpfSystemCalls.ProgramLoad, attributes);
            if (fd >= 0)
            {
                error = null;
                return fd;
            }

            var errno = Marshal.GetLastPInvokeError();
            var text = Encoding.ASCII.GetString(log, 0, Math.Max(0, Array.IndexOf(log, (byte)0))).Trim();
            error = $"bpf(BPF_PROG_LOAD) failed: errno {errno}{(errno == 1 ? " (needs CAP_BPF and CAP_NET_ADMIN)" : string.Empty)}"
                + (text.Length > 0 ? $"; verifier: {LastLines(text, 12)}" : string.Empty);
            return -1;
        }
    }

    private static int Attach(int program, int interfaceIndex)
    {
        var attributes = stackalloc byte[BpfSystemCalls.AttributeSize];
        new Span<byte>(attributes, BpfSystemCalls.AttributeSize).Clear();
        *(uint*)(attributes + 0) = (uint)program;
        *(uint*)(attributes + 4) = (uint)interfaceIndex;
        *(uint*)(attributes + 8) = BpfSystemCalls.AttachTcxIngress;
        return BpfSystemCalls.Bpf(BpfSystemCalls.LinkCreate, attributes);
    }

    // The interfaces packets to the address arrive on: those that hold it, or with "any" every one that is up
    // (loopback included: a peer on this host), of those with Ethernet framing.
    private static List<(string Name, int Index)> InterfacesFor(IPAddress bindAddress)
    {
        var found = new List<(string, int)>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus is not (OperationalStatus.Up or OperationalStatus.Unknown) || !nic.Supports(NetworkInterfaceComponent.IPv4))
            {
                continue;
            }

            var properties = nic.GetIPProperties();
            var holds = bindAddress.Equals(IPAddress.Any)
                || properties.UnicastAddresses.Any(u => u.Address.Equals(bindAddress))
                || (IPAddress.IsLoopback(bindAddress) && nic.NetworkInterfaceType == NetworkInterfaceType.Loopback);
            if (holds && HasEthernetFraming(nic.Name))
            {
                found.Add((nic.Name, properties.GetIPv4Properties().Index));
            }
        }

        return found;
    }

    // The program reads an Ethernet header first: Ethernet (ARPHRD_ETHER) and loopback (ARPHRD_LOOPBACK) have one;
    // IP-only devices (tun, WireGuard, PPP) do not, and are left out.
    private static bool HasEthernetFraming(string name)
    {
        try
        {
            return File.ReadAllText($"/sys/class/net/{name}/type").Trim() is "1" or "772";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string LastLines(string text, int count) => string.Join(" | ", text.Split('\n').TakeLast(count));
}
