using EdgePbx.Hardware.Buttons;

namespace EdgePbx.Hardware.Panel;

/// <summary>
/// The two-step factory reset as an explicit state machine: a long press arms it, a second long
/// press before the window closes confirms it; the window closing or a short press cancels it.
/// Time is passed in, so every transition is tested without a clock.
/// </summary>
internal sealed class FactoryResetGuard(TimeSpan window)
{
    private DateTimeOffset? _armedUntil;

    public bool IsArmed => _armedUntil is not null;

    public DateTimeOffset? ArmedUntil => _armedUntil;

    public PanelAction? OnResetGesture(ButtonGesture gesture, DateTimeOffset now)
    {
        switch (gesture)
        {
            // The window is half open [armed, until): at `until` the window timer has already cancelled.
            case ButtonGesture.LongPress when _armedUntil is { } until && now < until:
                _armedUntil = null;
                return PanelAction.FactoryResetConfirmed;
            case ButtonGesture.LongPress:
                _armedUntil = now + window;
                return PanelAction.FactoryResetArmed;
            case ButtonGesture.ShortPress when _armedUntil is not null:
                _armedUntil = null;
                return PanelAction.FactoryResetCancelled;
            default:
                return null;
        }
    }

    public PanelAction? OnWindowTimer(DateTimeOffset now)
    {
        if (_armedUntil is { } until && now >= until)
        {
            _armedUntil = null;
            return PanelAction.FactoryResetCancelled;
        }

        return null;
    }
}
