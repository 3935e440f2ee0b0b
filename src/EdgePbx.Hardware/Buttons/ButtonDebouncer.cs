using System.Device.Gpio;
using EdgePbx.Hardware.Settings;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Hardware.Buttons;

/// <summary>
/// One button over a GPIO input. Edges only restart a settle deadline; when the contact has been
/// quiet for the debounce time the pin is read and, if it differs from the debounced state, a press
/// or release is taken. So bounces shorter than the window are ignored and a missed edge heals on
/// the next one. Written here rather than Iot.Device.Button's GpioButton because that one times
/// holds with System.Threading.Timer and DateTime.UtcNow, which FakeTimeProvider cannot drive.
/// </summary>
internal sealed class ButtonDebouncer : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PanelButton _button;
    private readonly GpioController _controller;
    private readonly ButtonPinSettings _pin;
    private readonly ButtonTiming _timing;
    private readonly TimeProvider _time;
    private readonly Action<PanelButton, ButtonGesture> _onGesture;
    private readonly ILogger _log;
    private readonly ITimer _timer;
    private long? _lastEdge;
    private bool _pressed;
    private long _pressedAt;
    private bool _longReported;
    private bool _disposed;

    public ButtonDebouncer(
        PanelButton button,
        GpioController controller,
        ButtonPinSettings pin,
        ButtonTiming timing,
        TimeProvider time,
        Action<PanelButton, ButtonGesture> onGesture,
        ILogger log)
    {
        _button = button;
        _controller = controller;
        _pin = pin;
        _timing = timing;
        _time = time;
        _onGesture = onGesture;
        _log = log;
        _timer = time.CreateTimer(static s => ((ButtonDebouncer)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _controller.OpenPin(pin.Pin, pin.Pull switch
        {
            ButtonPull.Up => PinMode.InputPullUp,
            ButtonPull.Down => PinMode.InputPullDown,
            _ => PinMode.Input,
        });

        // A button held while the daemon starts is not a press: start from what the pin reads now.
        _pressed = IsPressedNow();
        _pressedAt = time.GetTimestamp();
        _longReported = _pressed;
        _controller.RegisterCallbackForPinValueChangedEvent(pin.Pin, PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
    }

    public bool IsPressed
    {
        get
        {
            lock (_gate)
            {
                return _pressed;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _controller.UnregisterCallbackForPinValueChangedEvent(_pin.Pin, OnEdge);
        _timer.Dispose();
    }

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _lastEdge = _time.GetTimestamp();
            Arm(_lastEdge.Value);
        }
    }

    private void OnTimer()
    {
        ButtonGesture? gesture = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            long now = _time.GetTimestamp();
            if (_lastEdge is { } edge && _time.GetElapsedTime(edge, now) >= _timing.Debounce)
            {
                _lastEdge = null;
                gesture = Settle(edge);
            }

            // No long press while the contact is still bouncing: it may be on its way open.
            if (gesture is null && _lastEdge is null && _pressed && !_longReported && _time.GetElapsedTime(_pressedAt, now) >= _timing.LongPress)
            {
                _longReported = true;
                gesture = ButtonGesture.LongPress;
            }

            Arm(now);
        }

        if (gesture is { } g)
        {
            _onGesture(_button, g);
        }
    }

    /// <summary>The contact has been quiet since <paramref name="edge"/>: take its level as the new state.</summary>
    private ButtonGesture? Settle(long edge)
    {
        bool pressed;
        try
        {
            pressed = IsPressedNow();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            PanelLog.ButtonReadFailed(_log, _button, ex);
            return null;
        }

        if (pressed == _pressed)
        {
            return null;
        }

        _pressed = pressed;
        if (pressed)
        {
            // The hold is timed from when the contact closed for good, not from the confirmation.
            _pressedAt = edge;
            _longReported = false;
            return null;
        }

        bool wasLong = _longReported;
        _longReported = false;
        return wasLong ? null : ButtonGesture.ShortPress;
    }

    /// <summary>Sets the one timer of this button to the nearer of the settle and long-press deadlines.</summary>
    private void Arm(long now)
    {
        TimeSpan? due = null;
        if (_lastEdge is { } edge)
        {
            due = _timing.Debounce - _time.GetElapsedTime(edge, now);
        }

        else if (_pressed && !_longReported)
        {
            TimeSpan longDue = _timing.LongPress - _time.GetElapsedTime(_pressedAt, now);
            due = longDue;
        }

        _timer.Change(due is { } d ? (d > TimeSpan.Zero ? d : TimeSpan.Zero) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private bool IsPressedNow() => (_controller.Read(_pin.Pin) == PinValue.Low) == _pin.ActiveLow;
}
