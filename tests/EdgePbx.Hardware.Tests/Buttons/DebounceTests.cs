using EdgePbx.Hardware.Panel;
using EdgePbx.Hardware.Settings;
using EdgePbx.Hardware.Tests.TestSupport;

namespace EdgePbx.Hardware.Tests.Buttons;

/// <summary>Reference board: night button GPIO 23, reset GPIO 24, active low with pull-ups; 30 ms debounce, 3 s long press.</summary>
public sealed class DebounceTests
{
    private const int Night = 23;
    private const int Reset = 24;

    [Fact]
    public async Task Button_pins_are_opened_as_inputs_with_pull_ups()
    {
        await using var rig = new PanelRig();

        Assert.Equal(System.Device.Gpio.PinMode.InputPullUp, rig.Driver.GetMode(Night));
        Assert.Equal(System.Device.Gpio.PinMode.InputPullUp, rig.Driver.GetMode(Reset));
    }

    [Fact]
    public async Task Short_press_of_night_button_requests_the_night_day_switch_on_release()
    {
        await using var rig = new PanelRig();

        rig.Press(Night);
        rig.Advance(200);
        Assert.Empty(rig.Events);
        rig.Release(Night);
        rig.Advance(29);
        Assert.Empty(rig.Events);
        rig.Advance(1);

        var e = Assert.Single(rig.Events);
        Assert.Equal(PanelAction.NightModeToggleRequested, e.Action);
        Assert.Equal(rig.Time.GetUtcNow(), e.At);
    }

    [Fact]
    public async Task Glitch_shorter_than_the_debounce_window_is_ignored()
    {
        await using var rig = new PanelRig();

        rig.Press(Night);
        rig.Advance(10);
        rig.Release(Night);
        rig.Advance(5000);

        Assert.Empty(rig.Events);
    }

    [Fact]
    public async Task Bouncing_contact_counts_as_one_press()
    {
        await using var rig = new PanelRig();

        for (int i = 0; i < 4; i++)
        {
            rig.Press(Night);
            rig.Advance(5);
            rig.Release(Night);
            rig.Advance(5);
        }

        rig.Press(Night);
        rig.Advance(300);
        for (int i = 0; i < 3; i++)
        {
            rig.Release(Night);
            rig.Advance(4);
            rig.Press(Night);
            rig.Advance(4);
        }

        rig.Release(Night);
        rig.Advance(100);

        var e = Assert.Single(rig.Events);
        Assert.Equal(PanelAction.NightModeToggleRequested, e.Action);
    }

    [Fact]
    public async Task Long_press_is_reported_exactly_at_the_long_press_time_while_still_held()
    {
        await using var rig = new PanelRig();

        rig.Press(Reset);
        rig.Advance(2999);
        Assert.Empty(rig.Events);
        rig.Advance(1);

        Assert.Equal(PanelAction.FactoryResetArmed, Assert.Single(rig.Events).Action);
    }

    [Fact]
    public async Task Long_press_is_timed_from_when_the_contact_stopped_bouncing()
    {
        await using var rig = new PanelRig();
        rig.Press(Reset);
        rig.Advance(3);
        rig.Release(Reset);
        rig.Advance(3);
        rig.Press(Reset);   // settled from here

        rig.Advance(2999);
        Assert.Empty(rig.Events);
        rig.Advance(1);

        Assert.Single(rig.Events);
    }

    [Fact]
    public async Task Releasing_after_a_long_press_gives_no_extra_short_press()
    {
        await using var rig = new PanelRig();

        rig.Press(Night);
        rig.Advance(4000);
        rig.Release(Night);
        rig.Advance(1000);

        Assert.Empty(rig.Events); // a long press of the night button means nothing
    }

    [Fact]
    public async Task Button_held_while_the_panel_starts_is_not_a_press()
    {
        var driver = new EdgePbx.Hardware.Gpio.SimulatedGpioDriver();
        driver.SetInput(Reset, System.Device.Gpio.PinValue.Low);
        await using var rig = new PanelRig(driver: driver);

        rig.Advance(10_000);
        rig.Release(Reset);
        rig.Advance(100);

        Assert.Empty(rig.Events);
    }

    [Fact]
    public async Task Active_high_button_with_pull_down_is_pressed_by_a_high_level()
    {
        var settings = new PanelSettings
        {
            Buttons = new PanelButtonPins { Night = new() { Pin = Night, ActiveLow = false, Pull = ButtonPull.Down } },
        };
        await using var rig = new PanelRig(settings);
        Assert.Equal(System.Device.Gpio.PinMode.InputPullDown, rig.Driver.GetMode(Night));

        rig.Driver.SetInput(Night, System.Device.Gpio.PinValue.High);
        rig.Advance(100);
        rig.Driver.SetInput(Night, System.Device.Gpio.PinValue.Low);
        rig.Advance(100);

        Assert.Equal(PanelAction.NightModeToggleRequested, Assert.Single(rig.Events).Action);
    }

    [Fact]
    public async Task Longer_debounce_setting_ignores_longer_bounces()
    {
        await using var rig = new PanelRig(new PanelSettings { DebounceMs = 80 });

        rig.Press(Night);
        rig.Advance(60);
        rig.Release(Night);
        rig.Advance(1000);

        Assert.Empty(rig.Events);
    }
}
