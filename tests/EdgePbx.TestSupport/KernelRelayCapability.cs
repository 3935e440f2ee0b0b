using System.Globalization;

namespace EdgePbx.TestSupport;

/// <summary>Whether this process may load and attach the kernel RTP relay (status(5) CapEff).</summary>
public static class KernelRelayCapability
{
    /// <summary>CAP_BPF and CAP_NET_ADMIN, each of which CAP_SYS_ADMIN stands in for (the kernel's bpf_capable, bpf_net_capable).</summary>
    public static bool Present()
    {
        var effective = File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapEff:", StringComparison.Ordinal))[7..].Trim();
        var caps = ulong.Parse(effective, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        bool Has(int bit) => ((caps >> bit) & 1) == 1;
        return (Has(39) || Has(21)) && (Has(12) || Has(21)); // CAP_BPF, CAP_NET_ADMIN, CAP_SYS_ADMIN
    }

}
