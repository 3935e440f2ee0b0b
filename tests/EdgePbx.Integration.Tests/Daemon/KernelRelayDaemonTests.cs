using EdgePbx.Integration.Tests.Support;
using EdgePbx.TestSupport;

namespace EdgePbx.Integration.Tests.Daemon;

/// <summary>
/// EDGEPBX_RTP_KERNEL_FORWARD=1, as the kernel-relay drop-in sets it: the native daemon loads and attaches the
/// kernel RTP relay at start-up and says so, and without CAP_BPF and CAP_NET_ADMIN it says why not and runs on,
/// relaying in user space.
/// </summary>
public sealed class KernelRelayDaemonTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> KernelRelay = new() { ["EDGEPBX_RTP_KERNEL_FORWARD"] = "1" };

    [Fact]
    public async Task The_daemon_relays_in_the_kernel_when_asked_and_allowed()
    {
        if (!KernelRelayCapability.Present())
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "CI runs as root, with CAP_BPF and CAP_NET_ADMIN");
            return;
        }

        using var daemon = DaemonProcess.Start(KernelRelay);
        await daemon.WaitReadyAsync(StartPatience);
        await daemon.WaitForOutputAsync("is relayed in the kernel (eBPF on lo)", StartPatience);
    }

    [Fact]
    public async Task Without_the_capabilities_the_log_says_why_and_the_daemon_runs_on()
    {
        if (!File.Exists("/usr/bin/setpriv") || !KernelRelayCapability.Present())
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "CI has setpriv (util-linux) and runs as root");
            return;
        }

        // Root without the three capabilities any of which lets bpf(2) load a program: what the unit without the drop-in gives.
        var data = Directory.CreateTempSubdirectory("edgepbx-data-").FullName;
        using var daemon = DaemonProcess.StartUnder(
            ["/usr/bin/setpriv", "--bounding-set=-bpf,-net_admin,-sys_admin", "--inh-caps=-bpf,-net_admin,-sys_admin"], data, KernelRelay, []);
        await daemon.WaitReadyAsync(StartPatience);
        await daemon.WaitForOutputAsync("RTP cannot be relayed in the kernel (bpf(BPF_MAP_CREATE) failed: errno 1", StartPatience);
    }
}
