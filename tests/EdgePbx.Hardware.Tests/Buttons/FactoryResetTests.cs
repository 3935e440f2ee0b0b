using System.Device.Gpio;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Panel;
using EdgePbx.Hardware.Settings;
using EdgePbx.Hardware.Tests.TestSupport;

namespace EdgePbx.Hardware.Tests.Buttons;

/// <summary>Reset on GPIO 24; long press 3 s; confirmation window 10 s from the first long press.</summary>
public sealed class FactoryResetTests
{
    private const int Reset = 24;
    private const int PowerLed = 5;

    private static void LongPress(PanelRig rig, int holdMs = 3000)
    {
        rig.Press(Reset);
        rig.Advance(holdMs);
        rig.Release(Reset);
        rig.Advance(100);
    }

    [Fact]
    public async Task Second_long_press_inside_the_window_confirms_and_keeps_call_records_by_default()
    {
        await using var rig = new PanelRig();

        LongPress(rig);
        rig.Advance(2000);
        LongPress(rig);

        Assert.Equal([PanelAction.FactoryResetArmed, PanelAction.FactoryResetConfirmed], rig.Events.Select(e => e.Action));
        Assert.True(rig.Events[1].KeepCallRecords);
    }

    [Fact]
    public async Task Confirmation_carries_the_choice_to_wipe_call_records_from_settings()
    {
        await using var rig = new PanelRig(new PanelSettings { KeepCallRecordsOnFactoryReset = false });

        LongPress(rig);
        LongPress(rig);

        Assert.False(rig.Events.Single(e => e.Action == PanelAction.FactoryResetConfirmed).KeepCallRecords);
    }

    [Fact]
    public async Task Second_long_press_completing_at_the_last_moment_of_the_window_still_confirms()
    {
        await using var rig = new PanelRig(new PanelSettings { FactoryResetConfirmMs = 10_000 });
        LongPress(rig);                 // armed at 3000, released 3000..3100
        rig.Advance(10_000 - 100 - 3000 - 1);
        rig.Press(Reset);               // long press completes 1 ms before 3000 + 10000
        rig.Advance(3000);

        Assert.Equal([PanelAction.FactoryResetArmed, PanelAction.FactoryResetConfirmed], rig.Events.Select(e => e.Action));
    }

    [Fact]
    public async Task Second_long_press_completing_exactly_when_the_window_closes_only_arms_again()
    {
        await using var rig = new PanelRig(new PanelSettings { FactoryResetConfirmMs = 10_000 });
        LongPress(rig);
        rig.Advance(10_000 - 100 - 3000);
        rig.Press(Reset);
        rig.Advance(3000);

        Assert.Equal(
            [PanelAction.FactoryResetArmed, PanelAction.FactoryResetCancelled, PanelAction.FactoryResetArmed],
            rig.Events.Select(e => e.Action));
    }

    [Fact]
    public async Task Window_running_out_cancels_and_a_later_long_press_only_arms_again()
    {
        await using var rig = new PanelRig(new PanelSettings { FactoryResetConfirmMs = 10_000 });
        LongPress(rig);
        var armedAt = rig.Events[0].At;

        rig.Advance(10_000 - 100 - 1);
        Assert.Single(rig.Events);
        rig.Advance(1);
        Assert.Equal(PanelAction.FactoryResetCancelled, rig.Events[1].Action);
        Assert.Equal(armedAt.AddSeconds(10), rig.Events[1].At);

        LongPress(rig);

        Assert.Equal(
            [PanelAction.FactoryResetArmed, PanelAction.FactoryResetCancelled, PanelAction.FactoryResetArmed],
            rig.Events.Select(e => e.Action));
    }

    [Fact]
    public async Task Short_press_while_armed_cancels_the_reset()
    {
        await using var rig = new PanelRig();
        LongPress(rig);

        rig.Press(Reset);
        rig.Advance(200);
        rig.Release(Reset);
        rig.Advance(100);
        rig.Advance(20_000);

        Assert.Equal([PanelAction.FactoryResetArmed, PanelAction.FactoryResetCancelled], rig.Events.Select(e => e.Action));
    }

    [Fact]
    public async Task Short_press_of_reset_when_not_armed_does_nothing()
    {
        await using var rig = new PanelRig();

        rig.Press(Reset);
        rig.Advance(500);
        rig.Release(Reset);
        rig.Advance(100);

        Assert.Empty(rig.Events);
    }

    [Fact]
    public async Task Power_led_fast_blinks_while_armed_and_returns_to_its_told_state_after()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetStatus(StatusLed.Power, true);

        rig.Press(Reset);
        rig.Advance(3000);
        Assert.Equal([(0, PinValue.High), (125, PinValue.Low), (250, PinValue.High), (375, PinValue.Low)], rig.Trace(PowerLed, 400));
        Assert.True(rig.Panel.Snapshot().FactoryResetPending);
        Assert.Equal(LedPattern.FastBlink, rig.Panel.Snapshot().Status[0].Pattern);
        rig.Release(Reset);

        rig.Advance(20_000);

        Assert.Equal(PanelAction.FactoryResetCancelled, rig.Events[^1].Action);
        Assert.False(rig.Panel.Snapshot().FactoryResetPending);
        Assert.Equal([(0, PinValue.High)], rig.Trace(PowerLed, 1000));
    }
}
