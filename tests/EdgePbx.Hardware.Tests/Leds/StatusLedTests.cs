using System.Device.Gpio;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Settings;
using EdgePbx.Hardware.Tests.TestSupport;

namespace EdgePbx.Hardware.Tests.Leds;

public sealed class StatusLedTests
{
    [Theory]
    [InlineData(StatusLed.Power, 5)]
    [InlineData(StatusLed.Trunk, 6)]
    [InlineData(StatusLed.Cloud, 13)]
    [InlineData(StatusLed.Voicemail, 19)]
    [InlineData(StatusLed.Night, 26)]
    public async Task Each_status_led_drives_its_reference_board_pin_and_only_that_one(StatusLed led, int pin)
    {
        await using var rig = new PanelRig();
        int[] statusPins = [5, 6, 13, 19, 26];

        rig.Panel.SetStatus(led, true);
        rig.Advance(1000);

        foreach (var p in statusPins)
        {
            Assert.Equal(p == pin ? PinValue.High : PinValue.Low, rig.Driver.GetLevel(p));
        }

        rig.Panel.SetStatus(led, false);
        Assert.Equal(PinValue.Low, rig.Driver.GetLevel(pin));
    }

    [Fact]
    public async Task Status_led_can_blink_for_states_in_progress()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetStatus(StatusLed.Trunk, LedPattern.Blink);

        Assert.Equal([(0, PinValue.High), (500, PinValue.Low), (1000, PinValue.High)], rig.Trace(6, 1100));
    }

    [Fact]
    public async Task Active_low_status_led_inverts_its_pin()
    {
        var settings = new PanelSettings
        {
            Status = new PanelSettings().Status with { Voicemail = new() { Pin = 19, ActiveLow = true } },
        };
        await using var rig = new PanelRig(settings);
        Assert.Equal(PinValue.High, rig.Driver.GetLevel(19));

        rig.Panel.SetStatus(StatusLed.Voicemail, true);

        Assert.Equal(PinValue.Low, rig.Driver.GetLevel(19));
    }

    [Fact]
    public async Task Custom_blink_periods_from_settings_are_used()
    {
        await using var rig = new PanelRig(new PanelSettings { BlinkMs = 250, FastBlinkMs = 50 });
        rig.Panel.SetLine(1, LineState.Ringing);
        rig.Panel.SetLine(2, LineState.Fault);

        Assert.Equal([(0, PinValue.High), (250, PinValue.Low), (500, PinValue.High)], rig.Trace(12, 600));
        rig.Panel.SetLine(1, LineState.Idle);
        rig.Panel.SetLine(2, LineState.Idle);
        rig.Panel.SetLine(2, LineState.Fault);
        Assert.Equal([(0, PinValue.High), (50, PinValue.Low), (100, PinValue.High)], rig.Trace(16, 120));
    }
}
