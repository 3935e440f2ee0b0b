using System.Text;
using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Pull;
using EdgePbx.Cloud.Status;
using EdgePbx.Cloud.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Cloud.Tests.Pull;

/// <summary>The pull path against a real Kestrel HTTPS server on loopback, with ETag and If-None-Match.</summary>
public sealed class HttpPlanPullerTests : IDisposable
{
    private readonly PlanSyncHarness _box = new();
    private readonly EnvelopeServer _server = new();
    private readonly HttpClient _http;
    private readonly RecordingStatusPublisher _status = new();
    private readonly FakeTimeProvider _time = new(Plans.IssuedAt);
    private readonly HttpPlanPuller _puller;

    public HttpPlanPullerTests()
    {
        _http = _server.CreateTrustingClient();
        _puller = new HttpPlanPuller(_http, _server.Url, _box.Applier, _box.Status, _status, _time);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _box.Dispose();
    }

    [Fact]
    public async Task First_pull_applies_the_plan_and_reports_it()
    {
        _server.Serve(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")), "\"v1\"");

        var result = await _puller.PullOnceAsync(CancellationToken.None);

        Assert.Equal(PullResultKind.Received, result.Kind);
        Assert.Equal(ApplyOutcomeKind.Applied, result.Outcome!.Kind);
        Assert.Equal(1, _box.Store.Current!.Version);
        Assert.Equal("\"v1\"", _puller.ETag);
        Assert.Equal(StatusEvents.Applied, Assert.Single(_status.Reports).Event);
    }

    [Fact]
    public async Task Next_pull_sends_if_none_match_and_a_304_changes_nothing()
    {
        _server.Serve(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")), "\"v1\"");
        await _puller.PullOnceAsync(CancellationToken.None);

        var result = await _puller.PullOnceAsync(CancellationToken.None);

        Assert.Equal(PullResult.NotModified, result);
        Assert.Equal([null, "\"v1\""], _server.IfNoneMatch);
        Assert.Equal(1, _box.Store.ApplyCount);
        Assert.Single(_status.Reports);
    }

    [Fact]
    public async Task Changed_plan_on_the_server_is_taken_on_the_next_pull()
    {
        _server.Serve(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")), "\"v1\"");
        await _puller.PullOnceAsync(CancellationToken.None);
        _server.Serve(Plans.Signed(_box.Key, 2, PlanTarget.Device("box-1")), "\"v2\"");

        var result = await _puller.PullOnceAsync(CancellationToken.None);

        Assert.Equal(ApplyOutcomeKind.Applied, result.Outcome!.Kind);
        Assert.Equal(new PlanStoreState(2, 1, 2), await _box.Store.GetStateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Pulled_bad_plan_is_rejected_reported_and_not_fetched_again_while_unchanged()
    {
        _server.Serve(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1"), Plans.InvalidJson()), "\"bad\"");

        var first = await _puller.PullOnceAsync(CancellationToken.None);
        var second = await _puller.PullOnceAsync(CancellationToken.None);

        Assert.Equal(RejectionCode.InvalidPlan, Assert.Single(first.Outcome!.Reasons).Code);
        Assert.Equal(PullResultKind.NotModified, second.Kind);
        Assert.Null(_box.Store.Current);
        Assert.Equal("invalid-plan", Assert.Single(Assert.Single(_status.Reports).Reasons!).Code);
    }

    [Fact]
    public async Task Http_error_is_a_failed_pull_and_the_running_plan_stays()
    {
        _server.Serve(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")), "\"v1\"");
        await _puller.PullOnceAsync(CancellationToken.None);
        _server.Fail(503);

        var result = await _puller.PullOnceAsync(CancellationToken.None);

        Assert.Equal(PullResultKind.Failed, result.Kind);
        Assert.Contains("503", result.Error);
        Assert.Equal(1, _box.Store.Current!.Version);
        Assert.Equal("\"v1\"", _puller.ETag);
        Assert.Equal([null, "\"v1\""], _server.IfNoneMatch);
    }

    [Fact]
    public async Task Plan_pulled_over_https_arrives_with_the_servers_etag()
    {
        Assert.Equal("https", _server.Url.Scheme);
        _server.Serve(Plans.Signed(_box.Key, 3, PlanTarget.Device("box-1")), "W/\"plan-3\"");

        var first = await _puller.PullOnceAsync(CancellationToken.None);
        var second = await _puller.PullOnceAsync(CancellationToken.None);

        Assert.Equal(ApplyOutcomeKind.Applied, first.Outcome!.Kind);
        Assert.Equal(PullResultKind.NotModified, second.Kind);
        Assert.Equal([null, "W/\"plan-3\""], _server.IfNoneMatch);
    }

    [Fact]
    public async Task Server_whose_certificate_the_box_does_not_trust_is_a_failed_pull_and_nothing_is_applied()
    {
        _server.Serve(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")), "\"v1\"");
        using var systemTrust = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var puller = new HttpPlanPuller(systemTrust, _server.Url, _box.Applier, _box.Status, _status, _time);

        var result = await puller.PullOnceAsync(CancellationToken.None);

        Assert.Equal(PullResultKind.Failed, result.Kind);
        Assert.Null(_box.Store.Current);
        Assert.Empty(_server.IfNoneMatch);
        Assert.Empty(_status.Reports);
    }

    [Fact]
    public async Task Unreachable_server_is_a_failed_pull_not_an_exception()
    {
        using var nowhere = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var puller = new HttpPlanPuller(nowhere, new Uri("http://127.0.0.1:1/plan.json"), _box.Applier, _box.Status, _status, _time);

        var result = await puller.PullOnceAsync(CancellationToken.None);

        Assert.Equal(PullResultKind.Failed, result.Kind);
        Assert.Empty(_status.Reports);
    }

    [Fact]
    public async Task Periodic_pull_waits_for_the_interval_on_the_injected_clock()
    {
        _server.Serve(Plans.Signed(_box.Key, 1, PlanTarget.Device("box-1")), "\"v1\"");
        using var stop = new CancellationTokenSource();
        var run = _puller.RunAsync(TimeSpan.FromMinutes(5), stop.Token);
        await BoxOnBroker.WaitUntilAsync(() => _server.IfNoneMatch.Count == 1 && _box.Store.Current is not null, TimeSpan.FromSeconds(10), "first pull");

        // Served only after 4 minutes: a pull made too early would see v1 (304) and then wait a full
        // interval again, so v2 would not arrive at the 5 minute mark.
        _time.Advance(TimeSpan.FromMinutes(4));
        var pullsBeforeInterval = _server.IfNoneMatch.Count;
        _server.Serve(Plans.Signed(_box.Key, 2, PlanTarget.Device("box-1")), "\"v2\"");
        _time.Advance(TimeSpan.FromMinutes(1));
        await BoxOnBroker.WaitUntilAsync(() => _box.Store.Current!.Version == 2, TimeSpan.FromSeconds(10), "second pull after 5 min");

        Assert.Equal(1, pullsBeforeInterval);
        Assert.Equal([null, "\"v1\""], _server.IfNoneMatch);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Oversized_body_is_refused_without_applying()
    {
        _server.Serve(Encoding.UTF8.GetBytes(new string(' ', EnvelopeCodec.MaxEnvelopeBytes + 10)), "\"huge\"");

        var result = await _puller.PullOnceAsync(CancellationToken.None);

        Assert.Equal(PullResultKind.Failed, result.Kind);
        Assert.Null(_box.Store.Current);
    }
}
