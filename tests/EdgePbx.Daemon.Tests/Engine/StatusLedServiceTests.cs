using EdgePbx.Daemon.Cloud;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Daemon.Engine;
using EdgePbx.Hardware.Panel;
using EdgePbx.Hardware.Settings;
using EdgePbx.Routing.Model;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Plans;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Switchboard.Plans;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Daemon.Tests.Engine;

/// <summary>The voicemail-waiting and cloud LEDs on the simulated panel, over a real voicemail index.</summary>
public sealed class StatusLedServiceTests : IAsyncDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("edgepbx-leds-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly PbxDatabase _database;
    private readonly FrontPanel _panel;
    private readonly CloudSyncService _cloud;
    private readonly VoicemailIndex _voicemail;
    private readonly ActivePlan _plan = new();
    private readonly StatusLedService _leds;

    public StatusLedServiceTests()
    {
        _database = PbxDatabase.Open(_data, TimeProvider.System);
        _panel = FrontPanel.Create(new PanelSettings { Backend = PanelBackendKind.Simulated }, _time, NullLoggerFactory.Instance).Panel;
        var settings = DaemonSettings.Defaults with { DataDirectory = _data };
        _cloud = new CloudSyncService(settings, new CloudPlanStore(new PlanActivation(_plan, new PlanHistory(_database), _time), new PlanHistory(_database), settings),
            new BoxHealth(), _panel, _time, NullLoggerFactory.Instance);
        _voicemail = new VoicemailIndex(_database);
        var extensions = new Dictionary<string, Extension> { ["101"] = new() { Voicemail = true }, ["102"] = new() };
        _plan.Swap(new PlanSnapshot(new RoutingPlan(1, new Dictionary<string, NumberEntry>(), Extensions: extensions), 1, "test", "00", _time.GetUtcNow()));
        _leds = new StatusLedService(_panel, _cloud, _voicemail, _plan, _time, NullLogger<StatusLedService>.Instance);
    }

    [Fact]
    public async Task Voicemail_led_is_on_while_a_mailbox_of_the_plan_has_an_unheard_message()
    {
        _leds.Refresh();
        Assert.Equal("Off", Led("voicemail"));

        var id = await _voicemail.AddAsync("101", "02112345678", _time.GetUtcNow(), TimeSpan.FromSeconds(12), "vm-1.wav");
        _leds.Refresh();
        Assert.Equal("On", Led("voicemail"));

        await _voicemail.MarkHeardAsync(id);
        _leds.Refresh();
        Assert.Equal("Off", Led("voicemail"));
    }

    [Fact]
    public async Task Message_in_a_mailbox_the_plan_does_not_have_lights_nothing()
    {
        await _voicemail.AddAsync("999", "02112345678", _time.GetUtcNow(), TimeSpan.FromSeconds(5), "vm-2.wav");
        _leds.Refresh();
        Assert.Equal("Off", Led("voicemail"));
    }

    [Fact]
    public void Cloud_led_is_off_with_cloud_sync_off()
    {
        _leds.Refresh();
        Assert.Equal("Off", Led("cloud"));
    }

    [Fact]
    public async Task Service_refreshes_on_its_own_clock_once_a_second()
    {
        await _leds.StartAsync(CancellationToken.None);
        await _voicemail.AddAsync("101", "02112345678", _time.GetUtcNow(), TimeSpan.FromSeconds(12), "vm-3.wav");
        Assert.Equal("Off", Led("voicemail"));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("On", Led("voicemail"));
        await _leds.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _leds.Dispose();
        await _cloud.DisposeAsync();
        await _panel.DisposeAsync();
        _database.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private string Led(string id) => _panel.Snapshot().Status.Single(s => s.Id == id).Pattern.ToString();
}
