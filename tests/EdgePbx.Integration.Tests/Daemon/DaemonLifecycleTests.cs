using System.Diagnostics;
using System.Net;
using EdgePbx.Integration.Tests.Support;

namespace EdgePbx.Integration.Tests.Daemon;

/// <summary>The published native binary under a service manager's eye: readiness, health and a clean stop.</summary>
public sealed class DaemonLifecycleTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Native_binary_sends_READY_answers_healthz_and_exits_0_within_2_s_of_SIGTERM()
    {
        using var notify = new NotifyListener();
        using var daemon = DaemonProcess.Start(new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.SocketPath });

        var ready = notify.WaitFor("READY=1", StartPatience);
        Assert.True(ready is not null, "no READY=1 within 20 s; output:\n" + daemon.Output);

        using var http = new HttpClient { BaseAddress = daemon.WebBase };
        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"status\":\"alive\"", await health.Content.ReadAsStringAsync());
        var readiness = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);

        var stopWatch = Stopwatch.StartNew();
        daemon.Terminate();
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(2)), "still running 2 s after SIGTERM; output:\n" + daemon.Output);
        stopWatch.Stop();
        Assert.Equal(0, daemon.ExitCode);
        Assert.NotNull(notify.WaitFor("STOPPING=1", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Readiness_is_only_sent_after_the_web_listener_answers()
    {
        using var notify = new NotifyListener();
        using var daemon = DaemonProcess.Start(new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.SocketPath });
        Assert.NotNull(notify.WaitFor("READY=1", StartPatience));

        // READY=1 promises bound listeners: the very first connection after it must succeed.
        using var http = new HttpClient { BaseAddress = daemon.WebBase };
        var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Version_verb_names_the_build_and_that_it_is_native()
    {
        var (code, stdout, _) = DaemonProcess.RunToExit(TimeSpan.FromSeconds(10), "version");
        Assert.Equal(0, code);
        Assert.StartsWith("edgepbx ", stdout, StringComparison.Ordinal);
        Assert.Contains("NativeAOT", stdout, StringComparison.Ordinal);
        Assert.Contains("linux-x64", stdout, StringComparison.Ordinal);
    }
}
