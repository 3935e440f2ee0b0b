using System.Device.Gpio;

namespace EdgePbx.Hardware.Gpio;

/// <summary>
/// A GPIO chip in memory: the backend of tests, of the default run on machines without GPIO and
/// of the web page's virtual panel. Outputs keep what was written; inputs follow their pull bias
/// until <see cref="SetInput"/> drives them, which raises edge callbacks like a real chip.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, SimulatedPin> _pins = [];
    private readonly HashSet<int> _taken;
    private readonly HashSet<int> _lost = [];
    private readonly int _pinCount;

    /// <param name="pinCount">Number of lines of the simulated chip.</param>
    /// <param name="takenPins">Pins another process holds; opening them fails as on a real chip.</param>
    public SimulatedGpioDriver(int pinCount = 64, IEnumerable<int>? takenPins = null)
    {
        _pinCount = pinCount;
        _taken = [.. takenPins ?? []];
    }

    /// <summary>Raised after every write to an output pin, with the pin and the level written.</summary>
    public event Action<int, PinValue>? Written;

    protected override int PinCount => _pinCount;

    /// <summary>The level the pin has now (written for outputs, driven or biased for inputs).</summary>
    public PinValue GetLevel(int pin)
    {
        lock (_gate)
        {
            return _pins.TryGetValue(pin, out var p) ? p.Level : PinValue.Low;
        }
    }

    /// <summary>The mode the pin was opened in, or null when it is not open.</summary>
    public PinMode? GetMode(int pin)
    {
        lock (_gate)
        {
            return _pins.TryGetValue(pin, out var p) ? p.Mode : null;
        }
    }

    /// <summary>
    /// Makes every later write to the pin fail with an IOException, as when a line is revoked or a
    /// board connector comes loose while the daemon runs.
    /// </summary>
    public void LosePin(int pin)
    {
        lock (_gate)
        {
            _lost.Add(pin);
        }
    }

    /// <summary>Drives an input pin from outside (a finger on a button); raises edge callbacks.</summary>
    public void SetInput(int pin, PinValue level)
    {
        PinChangeEventHandler[] handlers;
        PinEventTypes edge;
        lock (_gate)
        {
            if (!_pins.TryGetValue(pin, out var p))
            {
                p = new SimulatedPin(PinMode.Input, level) { Driven = true };
                _pins[pin] = p;
                return;
            }

            if (p.Level == level)
            {
                p.Driven = true;
                return;
            }

            p.Level = level;
            p.Driven = true;
            edge = level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = [.. p.Callbacks.Where(c => (c.Types & edge) != 0).Select(c => c.Handler)];
        }

        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (var handler in handlers)
        {
            handler(this, args);
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            if (pinNumber < 0 || pinNumber >= _pinCount)
            {
                throw new ArgumentOutOfRangeException(nameof(pinNumber), pinNumber, "no such line on the simulated chip");
            }

            if (_taken.Contains(pinNumber))
            {
                throw new IOException($"GPIO {pinNumber} is busy (held by another process)");
            }

            if (!_pins.ContainsKey(pinNumber))
            {
                _pins[pinNumber] = new SimulatedPin(PinMode.Input, PinValue.Low);
            }
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _pins.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            var p = _pins[pinNumber];
            p.Mode = mode;
            if (!p.Driven)
            {
                // An undriven input settles to its bias, as a button at rest does.
                p.Level = mode == PinMode.InputPullUp ? PinValue.High : mode == PinMode.InputPullDown ? PinValue.Low : p.Level;
            }
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return _pins[pinNumber].Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => GetLevel(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            if (_lost.Contains(pinNumber))
            {
                throw new IOException($"GPIO {pinNumber}: write failed (line lost)");
            }

            _pins[pinNumber].Level = value;
        }

        Written?.Invoke(pinNumber, value);
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        using var signalled = new ManualResetEventSlim();
        PinEventTypes seen = PinEventTypes.None;
        void OnChange(object sender, PinValueChangedEventArgs e)
        {
            seen = e.ChangeType;
            signalled.Set();
        }

        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, OnChange);
        try
        {
            signalled.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = seen, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, OnChange);
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            _pins[pinNumber].Callbacks.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (_pins.TryGetValue(pinNumber, out var p))
            {
                p.Callbacks.RemoveAll(c => c.Handler == callback);
            }
        }
    }

    private sealed class SimulatedPin(PinMode mode, PinValue level)
    {
        public PinMode Mode { get; set; } = mode;
        public PinValue Level { get; set; } = level;
        public bool Driven { get; set; }
        public List<(PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks { get; } = [];
    }
}
