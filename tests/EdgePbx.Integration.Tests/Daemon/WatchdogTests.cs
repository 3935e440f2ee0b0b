using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Daemon;

[Collection(RunsAlone.Name)]
public sealed class WatchdogTests
{
    [Fact]
    public void Keep_alives_arrive_at_half_the_interval_and_stop_when_the_engine_hangs()
    {
        using var notify = new NotifyListener();
        using var daemon = DaemonProcess.Start(new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = notify.SocketPath,
            ["WATCHDOG_USEC"] = "400000",               // 400 ms: keep-alive every 200 ms
            ["EDGEPBX_TEST_HANG_ENGINE_AFTER_MS"] = "3000",
        });
        var ready = notify.WaitFor("READY=1", TimeSpan.FromSeconds(20));
        Assert.True(ready is not null, "no READY=1; output:\n" + daemon.Output);

        // Healthy engine: about 5 keep-alives a second.
        var healthy = notify.Collect(TimeSpan.FromSeconds(1.5)).Where(m => m.State == "WATCHDOG=1").ToList();
        Assert.InRange(healthy.Count, 5, 10);

        // The hang switch fires 3 s after start; give it time to take hold, then expect silence.
        notify.Collect(TimeSpan.FromSeconds(2.5));
        var afterHang = notify.Collect(TimeSpan.FromSeconds(2)).Where(m => m.State == "WATCHDOG=1").ToList();
        Assert.Empty(afterHang);
        Assert.Contains("withholding watchdog keep-alives", daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_WATCHDOG_USEC_no_keep_alives_are_sent()
    {
        using var notify = new NotifyListener();
        using var daemon = DaemonProcess.Start(new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.SocketPath });
        Assert.NotNull(notify.WaitFor("READY=1", TimeSpan.FromSeconds(20)));
        Assert.DoesNotContain(notify.Collect(TimeSpan.FromSeconds(1)), m => m.State == "WATCHDOG=1");
    }
}
