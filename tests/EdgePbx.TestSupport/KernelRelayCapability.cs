namespace EdgePbx.TestSupport;

/// <summary>Whether this process may load and attach the kernel RTP relay.</summary>
public static class KernelRelayCapability
{
    /// <summary>CAP_BPF and CAP_NET_ADMIN, each of which CAP_SYS_ADMIN stands in for (the kernel's bpf_capable, bpf_net_capable).</summary>
    public static bool Present()
    {
        var sysAdmin = ProcessCapabilities.Has(ProcessCapabilities.SysAdmin);
        return (sysAdmin || ProcessCapabilities.Has(ProcessCapabilities.Bpf)) && (sysAdmin || ProcessCapabilities.Has(ProcessCapabilities.NetAdmin));
    }
}
