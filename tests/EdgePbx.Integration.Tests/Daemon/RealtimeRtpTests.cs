using System.Globalization;
using EdgePbx.Integration.Tests.Support;
using EdgePbx.TestSupport;

namespace EdgePbx.Integration.Tests.Daemon;

/// <summary>
/// EDGEPBX_RTP_REALTIME_PRIORITY, as the service unit sets it: the native daemon's RTP I/O thread runs SCHED_FIFO
/// at that priority when the process may (here as root: CAP_SYS_NICE; on the box: LimitRTPRIO=), and when it may
/// not, the log says why and the daemon runs on with an ordinary thread. The kernel's view of the thread
/// (/proc/PID/task/TID/stat) is the judge.
/// </summary>
public sealed class RealtimeRtpTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> Priority10 = new() { ["EDGEPBX_RTP_REALTIME_PRIORITY"] = "10" };

    /// <summary>Policy and rt_priority of the daemon's thread named rtp-io-0.</summary>
    private static (int Policy, int Priority) IoThread(int pid) =>
        Assert.Single(ThreadScheduling.ThreadsNamed(pid.ToString(CultureInfo.InvariantCulture), "rtp-io-0"));

    private static bool HasSysNice() => ThreadScheduling.HasSysNice();

    [Fact]
    public async Task The_io_thread_runs_sched_fifo_at_the_priority_asked_for()
    {
        if (!HasSysNice())
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "CI runs as root, with CAP_SYS_NICE");
            return;
        }

        using var daemon = DaemonProcess.Start(Priority10);
        await daemon.WaitReadyAsync(StartPatience);
        await daemon.WaitForOutputAsync("RTP I/O threads run SCHED_FIFO at priority 10", StartPatience);
        Assert.Equal((1, 10), IoThread(daemon.Pid));
    }

    [Fact]
    public async Task Without_the_right_the_log_says_so_and_the_daemon_runs_on_with_an_ordinary_thread()
    {
        if (!File.Exists("/usr/bin/setpriv") || !HasSysNice())
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "CI has setpriv (util-linux) and runs as root");
            return;
        }

        // Root without CAP_SYS_NICE and with RLIMIT_RTPRIO 0: what a unit without LimitRTPRIO= gives.
        var data = Directory.CreateTempSubdirectory("edgepbx-data-").FullName;
        using var daemon = DaemonProcess.StartUnder(["/usr/bin/setpriv", "--bounding-set=-sys_nice", "--inh-caps=-sys_nice"], data, Priority10, []);
        await daemon.WaitReadyAsync(StartPatience);
        await daemon.WaitForOutputAsync("RTP I/O threads could not get SCHED_FIFO priority 10 (errno 1;", StartPatience);
        Assert.Equal((0, 0), IoThread(daemon.Pid));
    }
}
