using System.Text.Json;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Panel;
using EdgePbx.Hardware.Settings;
using EdgePbx.Hardware.Tests.TestSupport;

namespace EdgePbx.Hardware.Tests.Panel;

public sealed class SnapshotTests
{
    [Fact]
    public async Task Snapshot_shows_each_led_pattern_and_its_level_now()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetLine(1, LineState.Ringing);
        rig.Panel.SetLine(2, LineState.InCall);
        rig.Panel.SetLine(3, LineState.Fault);
        rig.Panel.SetStatus(StatusLed.Trunk, true);
        rig.Advance(700); // blink in its 2nd (dark) half period, fast blink in its 6th (dark) one

        var snapshot = rig.Panel.Snapshot();

        Assert.Equal(
            [new("line1", LedPattern.Blink, false), new("line2", LedPattern.On, true), new("line3", LedPattern.FastBlink, false), new("line4", LedPattern.Off, false)],
            snapshot.Lines);
        Assert.Equal(["power", "trunk", "cloud", "voicemail", "night"], snapshot.Status.Select(s => s.Id));
        Assert.True(snapshot.Status[1].Lit);
        Assert.False(snapshot.Status[0].Lit);
        Assert.Equal(rig.Time.GetUtcNow(), snapshot.At);
        Assert.Equal((500, 125), (snapshot.BlinkMs, snapshot.FastBlinkMs));
        Assert.Equal("gpiochip0", snapshot.Backend);
    }

    [Fact]
    public async Task Snapshot_level_matches_the_pin_at_every_millisecond()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetLine(4, LineState.Fault);

        for (int ms = 0; ms < 600; ms++)
        {
            Assert.Equal(rig.Driver.GetLevel(21) == System.Device.Gpio.PinValue.High, rig.Panel.Snapshot().Lines[3].Lit);
            rig.Advance(1);
        }
    }

    [Fact]
    public async Task Snapshot_shows_a_button_as_pressed_only_once_debounced()
    {
        await using var rig = new PanelRig();

        rig.Press(23);
        Assert.False(rig.Panel.Snapshot().NightButtonPressed);
        rig.Advance(30);
        Assert.True(rig.Panel.Snapshot().NightButtonPressed);
        Assert.False(rig.Panel.Snapshot().ResetButtonPressed);
        rig.Release(23);
        rig.Advance(30);

        Assert.False(rig.Panel.Snapshot().NightButtonPressed);
    }

    [Fact]
    public async Task Snapshot_serializes_for_the_web_page_with_camel_case_and_enum_names()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetLine(1, LineState.Ringing);

        string json = JsonSerializer.Serialize(rig.Panel.Snapshot(), PanelJsonContext.Default.PanelSnapshot);

        using var doc = JsonDocument.Parse(json);
        var line1 = doc.RootElement.GetProperty("lines")[0];
        Assert.Equal("line1", line1.GetProperty("id").GetString());
        Assert.Equal("Blink", line1.GetProperty("pattern").GetString());
        Assert.True(line1.GetProperty("lit").GetBoolean());
        Assert.False(doc.RootElement.GetProperty("factoryResetPending").GetBoolean());
        Assert.False(doc.RootElement.TryGetProperty("warning", out _));
    }
}
