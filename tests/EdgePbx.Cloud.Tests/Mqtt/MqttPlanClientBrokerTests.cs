using System.Diagnostics;
using System.Text;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Mqtt;
using EdgePbx.Cloud.Status;
using EdgePbx.Cloud.Tests.TestSupport;
using EdgePbx.Cloud.Tools;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EdgePbx.Cloud.Tests.Mqtt;

/// <summary>The box's MQTT client against a real mosquitto started by each test on loopback.</summary>
public sealed class MqttPlanClientBrokerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly MqttTopics Topics = new();

    [MosquittoFact]
    public async Task Signed_plan_published_retained_is_applied_within_one_second_and_status_reported()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var box = new BoxOnBroker(broker, TimeProvider.System);
        await using var cloud = await StatusWatcher.StartAsync(broker, Topics.DeviceStatus("box-1"));
        await using var publisher = await RawPublisher.ConnectAsync(broker);
        box.Client.Start();
        await BoxOnBroker.WaitUntilAsync(() => box.Client.ConnectCount == 1, Deadline, "first connect");
        var applied = box.Store.NextApply;

        var clock = Stopwatch.StartNew();
        await publisher.PublishRetainedAsync(Topics.DevicePlan("box-1"), Plans.Signed(box.Key, 1, PlanTarget.Device("box-1")));
        var plan = await applied.WaitAsync(TimeSpan.FromSeconds(1));
        var latency = clock.Elapsed;

        Assert.Equal(1, plan.Version);
        var status = await cloud.WaitForAsync(r => r.Event == StatusEvents.Applied, TimeSpan.FromSeconds(1));
        Assert.Equal(new StatusReport("box-1", status.At, StatusEvents.Applied, 1, null, null, null, new StatusHealth(true, 3)), status);
        output.WriteLine($"publish -> applied through mosquitto: {latency.TotalMilliseconds:F1} ms");
    }

    [MosquittoFact]
    public async Task Plan_publish_tool_leaves_a_retained_plan_that_a_box_connecting_later_applies()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var box = new BoxOnBroker(broker, TimeProvider.System);
        var applied = box.Store.NextApply;

        var published = await PlanTool.PublishAsync(Plans.Signed(box.Key, 4, PlanTarget.Device("box-1")), broker.Url, "box-1", null, CancellationToken.None);
        box.Client.Start();

        Assert.True(published.Succeeded, string.Join("; ", published.Errors));
        Assert.Equal("edgepbx/devices/box-1/plan", published.Value);
        Assert.Equal(4, (await applied.WaitAsync(Deadline)).Version);
    }

    [MosquittoFact]
    public async Task Box_reports_health_on_its_status_topic_when_it_connects()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await StatusWatcher.StartAsync(broker, Topics.DeviceStatus("box-1"));
        await using var box = new BoxOnBroker(broker, TimeProvider.System);

        box.Client.Start();

        var health = await cloud.WaitForAsync(r => r.Event == StatusEvents.Health, Deadline);
        Assert.Equal(new StatusHealth(true, 3), health.Health);
        Assert.Null(health.CurrentVersion);
    }

    [MosquittoFact]
    public async Task Health_is_reported_again_every_interval_of_the_injected_clock()
    {
        var time = new FakeTimeProvider(Plans.IssuedAt);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await StatusWatcher.StartAsync(broker, Topics.DeviceStatus("box-1"));
        await using var box = new BoxOnBroker(broker, time);
        box.Client.Start();
        await cloud.WaitForAsync(r => r.Event == StatusEvents.Health, Deadline);

        await BoxOnBroker.WaitUntilAsync(
            () => cloud.Reports.Count(r => r.Event == StatusEvents.Health) >= 3, Deadline, "two more health reports", () => time.Advance(TimeSpan.FromMinutes(1)));

        var stamps = cloud.Reports.Where(r => r.Event == StatusEvents.Health).Select(r => r.At).ToList();
        Assert.True(stamps[1] - stamps[0] >= TimeSpan.FromMinutes(1), string.Join(", ", stamps));
        Assert.Equal(1, box.Client.ConnectCount);
    }

    [Fact]
    public void Box_refuses_a_device_id_that_would_widen_its_subscription()
    {
        using var harness = new PlanSyncHarness("box/#");
        Assert.True(MqttBrokerAddress.TryParse("mqtt://127.0.0.1:1", out var address, out _));

        var error = Assert.Throws<ArgumentException>(() => new MqttPlanClient(new MqttSyncOptions(address!), harness.Applier, harness.Status, TimeProvider.System));

        Assert.Contains("box/#", error.Message);
    }

    [MosquittoFact]
    public async Task Bad_messages_are_rejected_with_their_reason_on_the_status_topic_and_change_nothing()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var box = new BoxOnBroker(broker, TimeProvider.System);
        await using var cloud = await StatusWatcher.StartAsync(broker, Topics.DeviceStatus("box-1"));
        box.Client.Start();
        await BoxOnBroker.WaitUntilAsync(() => box.Client.ConnectCount == 1, Deadline, "first connect");
        var good = box.Store.NextApply;
        await PublishAsync(broker, Plans.Signed(box.Key, 5, PlanTarget.Device("box-1")));
        var running = await good.WaitAsync(Deadline);
        using var stranger = new TestKey("cloud-1");

        var cases = new (byte[] Bytes, long? Version, string Code)[]
        {
            (Plans.Signed(stranger, 6, PlanTarget.Device("box-1")), 6, "bad-signature"),
            (Plans.Signed(box.Key, 5, PlanTarget.Device("box-1"), Plans.ValidJson(55)), 5, "stale-version"),
            (Plans.Signed(box.Key, 4, PlanTarget.Device("box-1")), 4, "stale-version"),
            (Plans.Signed(box.Key, 7, PlanTarget.Device("box-1"), Plans.InvalidJson()), 7, "invalid-plan"),
            (Plans.Signed(box.Key, 9, PlanTarget.Device("box-2")), 9, "wrong-target"),
            (Plans.Signed(box.Key, 10, PlanTarget.Group("warehouses")), 10, "wrong-target"),
            (Encoding.UTF8.GetBytes("<plan version=8/>"), null, "not-json"),
        };

        foreach (var (bytes, version, code) in cases)
        {
            var before = cloud.Reports.Count;
            await RawPublisher.PublishRetainedAsync(broker, Topics.DevicePlan("box-1"), bytes);

            var status = await cloud.WaitForAsync(r => r.Event == StatusEvents.Rejected && cloud.Reports.Count > before && r.RejectedVersion == version && r.Reasons![0].Code == code, Deadline);
            Assert.Equal(5, status.CurrentVersion);
            Assert.All(status.Reasons!, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        }

        Assert.Same(running, box.Store.Current);
        Assert.Equal(1, box.Store.ApplyCount);
    }

    [MosquittoFact]
    public async Task Plan_for_the_box_group_is_taken_from_the_group_topic()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var box = new BoxOnBroker(broker, TimeProvider.System, "box-1", "shops");
        box.Client.Start();
        await BoxOnBroker.WaitUntilAsync(() => box.Client.ConnectCount == 1, Deadline, "first connect");
        var applied = box.Store.NextApply;

        await RawPublisher.PublishRetainedAsync(broker, Topics.GroupPlan("shops"), Plans.Signed(box.Key, 3, PlanTarget.Group("shops")));

        Assert.Equal(3, (await applied.WaitAsync(Deadline)).Version);
    }

    [MosquittoFact]
    public async Task Box_reconnects_after_broker_restart_and_takes_the_plan_published_meanwhile()
    {
        var time = new FakeTimeProvider(Plans.IssuedAt);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var box = new BoxOnBroker(broker, time);
        box.Client.Start();
        await BoxOnBroker.WaitUntilAsync(() => box.Client.ConnectCount == 1, Deadline, "first connect");
        var first = box.Store.NextApply;
        await PublishAsync(broker, Plans.Signed(box.Key, 1, PlanTarget.Device("box-1")));
        await first.WaitAsync(Deadline);

        await broker.StopAsync();
        await BoxOnBroker.WaitUntilAsync(() => !box.Client.IsConnected, Deadline, "box notices the broker is gone");
        await broker.RestartAsync();
        var second = box.Store.NextApply;
        await PublishAsync(broker, Plans.Signed(box.Key, 2, PlanTarget.Device("box-1")));

        // The box waits out its back-off on the injected clock, so it is still away while the plan is published.
        Assert.False(box.Client.IsConnected);
        await BoxOnBroker.WaitUntilAsync(() => second.IsCompleted, Deadline, "plan 2 applied after reconnect", () => time.Advance(TimeSpan.FromSeconds(1)));
        Assert.Equal(2, box.Store.Current!.Version);
        Assert.Equal(2, box.Client.ConnectCount);
    }

    [MosquittoFact]
    public async Task Box_started_without_a_broker_runs_on_and_sends_queued_status_once_the_broker_appears()
    {
        var time = new FakeTimeProvider(Plans.IssuedAt);
        await using var broker = MosquittoBroker.Prepare();
        await using var box = new BoxOnBroker(broker, time);

        box.Client.Start();
        var state = await box.Harness.Applier.GetStateAsync(CancellationToken.None);
        await box.Client.PublishAsync(box.Harness.Status.ForRollback(state), CancellationToken.None);
        Assert.False(box.Client.IsConnected);

        // Let the first connect attempt fail (a refused loopback connect takes well under a millisecond) before
        // the broker starts: an attempt still in flight would connect at once and flush the queued report before
        // the watcher below subscribes, which then sees only the retained health report (seen once in a full run).
        await BoxOnBroker.WaitUntilAsync(() => box.Client.ConnectAttempts >= 1, Deadline, "a first connect attempt", () => { });
        await Task.Delay(300);
        Assert.False(box.Client.IsConnected);

        await broker.RestartAsync();
        await using var cloud = await StatusWatcher.StartAsync(broker, Topics.DeviceStatus("box-1"));
        await BoxOnBroker.WaitUntilAsync(() => box.Client.IsConnected, Deadline, "connect once the broker is up", () => time.Advance(TimeSpan.FromSeconds(1)));

        await cloud.WaitForAsync(r => r.Event == StatusEvents.RolledBack, Deadline);
    }

    private static async Task PublishAsync(MosquittoBroker broker, byte[] envelope)
    {
        var result = await PlanTool.PublishAsync(envelope, broker.Url, "box-1", null, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }
}
