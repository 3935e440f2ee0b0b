using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace EdgePbx.Media.Tests.Rtp.Linux.Kernel;

/// <summary>
/// Two peers on networks of their own, as a phone and a trunk on two network cards: each in a network namespace
/// joined to this host by a veth pair (host 10.231.N.1, peer 10.231.N.2). The host's ends have transmit checksum
/// offload off, so every packet leaving them carries its full checksum, computed in software if need be (with it
/// on, veth passes a partial one along). The phone (network 0) sends full checksums, which a relay must update;
/// the trunk (1) keeps the offload on and sends partial ones (CHECKSUM_PARTIAL, as loopback and most network
/// cards), whose pseudo-header part a relay that changes addresses must update. Sockets of a peer are made on a
/// thread that has entered its namespace (setns(2)); they stay there whichever thread then uses them.
/// Needs CAP_SYS_ADMIN and CAP_NET_ADMIN, ip(8) and ethtool(8).
/// </summary>
internal sealed partial class VethNetwork : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private static readonly string[] Names = ["epbx-phone", "epbx-trunk"];

    private VethNetwork()
    {
    }

    public static IPAddress HostAddress(int network) => IPAddress.Parse($"10.231.{network + 1}.1");

    public static IPAddress PeerAddress(int network) => IPAddress.Parse($"10.231.{network + 1}.2");

    /// <summary>The two networks, or null with what failed.</summary>
    public static VethNetwork? Create(out string? error)
    {
        var network = new VethNetwork();
        network.Dispose(); // leftovers of a run that was killed
        for (var i = 0; i < Names.Length; i++)
        {
            var ns = Names[i];
            string[] commands =
            [
                $"ip netns add {ns}",
                $"ip link add eh{i} type veth peer name ep{i}",
                $"ip link set ep{i} netns {ns}",
                $"ip addr add {HostAddress(i)}/24 dev eh{i}",
                $"ip link set eh{i} up",
                $"ip -n {ns} addr add {PeerAddress(i)}/24 dev ep{i}",
                $"ip -n {ns} link set ep{i} up",
                $"ip -n {ns} link set lo up",
                $"ip netns exec {ns} ethtool -K ep{i} tx {(i == 0 ? "off" : "on")}",
                $"ethtool -K eh{i} tx off",
            ];
            foreach (var command in commands)
            {
                if (Run(command) is { } failure)
                {
                    network.Dispose();
                    error = $"{command}: {failure}";
                    return null;
                }
            }
        }

        error = null;
        return network;
    }

    /// <summary>A socket of peer <paramref name="network"/>, made inside its namespace.</summary>
    public static Socket PeerSocket(int network, SocketType type, ProtocolType protocol)
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var home = File.OpenHandle("/proc/thread-self/ns/net");
                using var peer = File.OpenHandle($"/var/run/netns/{Names[network]}");
                if (SetNs((int)peer.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns: errno {Marshal.GetLastPInvokeError()}");
                }

                try
                {
                    socket = new Socket(AddressFamily.InterNetwork, type, protocol);
                }
                finally
                {
                    SetNs((int)home.DangerousGetHandle(), CloneNewNet);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException("no socket in the peer's namespace", failure);
    }

    public void Dispose()
    {
        foreach (var ns in Names)
        {
            Run($"ip netns del {ns}"); // takes its veth end, and with it the host's
        }
    }

    private static string? Run(string command)
    {
        var parts = command.Split(' ');
        var start = new ProcessStartInfo(parts[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var part in parts[1..])
        {
            start.ArgumentList.Add(part);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"exit {process.ExitCode}: {stderr.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int type);
}
