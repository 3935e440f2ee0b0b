using EdgePbx.Hardware.Buttons;
using EdgePbx.Hardware.Panel;

namespace EdgePbx.Hardware.Tests.Panel;

public sealed class FactoryResetGuardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Long_press_when_idle_arms_until_the_end_of_the_window()
    {
        var guard = new FactoryResetGuard(TimeSpan.FromSeconds(10));

        Assert.Equal(PanelAction.FactoryResetArmed, guard.OnResetGesture(ButtonGesture.LongPress, T0));
        Assert.Equal(T0.AddSeconds(10), guard.ArmedUntil);
    }

    [Fact]
    public void Long_press_inside_the_window_confirms_and_disarms()
    {
        var guard = new FactoryResetGuard(TimeSpan.FromSeconds(10));
        guard.OnResetGesture(ButtonGesture.LongPress, T0);

        Assert.Equal(PanelAction.FactoryResetConfirmed, guard.OnResetGesture(ButtonGesture.LongPress, T0.AddSeconds(10).AddMilliseconds(-1)));
        Assert.False(guard.IsArmed);
    }

    [Fact]
    public void Long_press_after_a_missed_window_arms_again_instead_of_confirming()
    {
        var guard = new FactoryResetGuard(TimeSpan.FromSeconds(10));
        guard.OnResetGesture(ButtonGesture.LongPress, T0);

        Assert.Equal(PanelAction.FactoryResetArmed, guard.OnResetGesture(ButtonGesture.LongPress, T0.AddSeconds(10)));
    }

    [Fact]
    public void Window_timer_before_the_end_changes_nothing_and_at_the_end_cancels()
    {
        var guard = new FactoryResetGuard(TimeSpan.FromSeconds(10));
        guard.OnResetGesture(ButtonGesture.LongPress, T0);

        Assert.Null(guard.OnWindowTimer(T0.AddSeconds(9)));
        Assert.Equal(PanelAction.FactoryResetCancelled, guard.OnWindowTimer(T0.AddSeconds(10)));
        Assert.Null(guard.OnWindowTimer(T0.AddSeconds(11)));
    }

    [Fact]
    public void Short_press_cancels_only_when_armed()
    {
        var guard = new FactoryResetGuard(TimeSpan.FromSeconds(10));
        Assert.Null(guard.OnResetGesture(ButtonGesture.ShortPress, T0));

        guard.OnResetGesture(ButtonGesture.LongPress, T0);

        Assert.Equal(PanelAction.FactoryResetCancelled, guard.OnResetGesture(ButtonGesture.ShortPress, T0.AddSeconds(1)));
    }
}
