using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using EdgePbx.Hardware.Buttons;
using EdgePbx.Hardware.Gpio;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Settings;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Hardware.Panel;

/// <summary>
/// The front panel: told line and status states, it shows them on the LEDs; it turns button
/// gestures into <see cref="PanelButtonEvent"/>s for the daemon. It knows nothing of calls.
/// Thread safe: setters may be called from any thread; events arrive on timer threads.
/// </summary>
public sealed class FrontPanel : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly PanelSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly FactoryResetGuard _reset;
    private readonly ITimer _resetWindow;
    private readonly SimulatedGpioDriver? _simulator;
    private PanelHardware? _hardware;

    private FrontPanel(PanelSettings settings, TimeProvider time, ILogger log, string backend, SimulatedGpioDriver? simulator, string? warning)
    {
        _settings = settings;
        _time = time;
        _log = log;
        _simulator = simulator;
        Backend = backend;
        Warning = warning;
        _reset = new FactoryResetGuard(TimeSpan.FromMilliseconds(settings.FactoryResetConfirmMs));
        _resetWindow = time.CreateTimer(static s => ((FrontPanel)s!).OnResetWindow(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Button gestures for the daemon (night/day switch, factory reset steps). Handlers must not block.</summary>
    public event Action<PanelButtonEvent>? ButtonEvent;

    /// <summary>"gpiochipN" or "simulated".</summary>
    public string Backend { get; }

    public bool IsSimulated => _simulator is not null;

    /// <summary>Why the panel is not on the GPIO it was asked to use, or null.</summary>
    public string? Warning { get; }

    public int LineCount => _settings.LineCount;

    /// <summary>The settings the panel runs with (the reference board when the given ones were invalid).</summary>
    public PanelSettings Settings => _settings.DeepCopy();

    private PanelHardware Hardware => _hardware ?? throw new InvalidOperationException("panel not opened");

    /// <summary>
    /// Opens the panel. Never fails for a missing GPIO chip, a busy pin or invalid settings: it then
    /// runs on the simulated backend and returns the reason as the warning (also logged).
    /// </summary>
    /// <param name="openChip">Opens GPIO chip N; defaults to the libgpiod driver. Tests pass their own.</param>
    public static (FrontPanel Panel, string? Warning) Create(
        PanelSettings settings,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        Func<int, GpioDriver>? openChip = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var log = loggerFactory.CreateLogger<FrontPanel>();
        string? warning = null;

        // The settings records are mutable for the binders; the running panel must not follow later edits.
        settings = settings.DeepCopy();

        var errors = PanelSettingsValidator.Validate(settings);
        if (errors.Count > 0)
        {
            warning = $"panel settings are invalid ({string.Join("; ", errors)}); showing the reference board pin map on the simulated panel";
            settings = ReferenceBoard.ForLines(settings.LineCount) with { Backend = PanelBackendKind.Simulated };
        }
        else if (settings.Backend != PanelBackendKind.Simulated)
        {
            var real = TryOpenChip(settings, time, log, openChip ?? (chip => new LibGpiodDriver(chip)), out warning);
            if (real is not null)
            {
                PanelLog.Started(log, real.Backend, settings.LineCount, settings.ShiftRegister is null ? "direct GPIO" : "74HC595 chain");
                return (real, null);
            }
        }

        var simulator = new SimulatedGpioDriver();
        var panel = new FrontPanel(settings, time, log, "simulated", simulator, warning);
        panel._hardware = PanelHardware.Open(settings, new GpioController(simulator), time, panel.OnGesture, log, out string? failure)
            ?? throw new InvalidOperationException($"the simulated panel could not open a validated pin map: {failure}");
        if (warning is not null)
        {
            PanelLog.Simulated(log, warning);
        }

        PanelLog.Started(log, panel.Backend, settings.LineCount, settings.ShiftRegister is null ? "direct GPIO" : "74HC595 chain");
        return (panel, warning);
    }

    /// <summary>Shows a line's state; lines are numbered 1..LineCount. False (and a log) for a line the panel lacks.</summary>
    public bool SetLine(int line, LineState state)
    {
        if (line < 1 || line > _settings.LineCount)
        {
            PanelLog.NoSuchLine(_log, line, _settings.LineCount);
            return false;
        }

        Hardware.Board.Set(PanelHardware.LineSlot(line), LedTiming.ForLine(state));
        return true;
    }

    public void SetStatus(StatusLed led, bool on) => SetStatus(led, on ? LedPattern.On : LedPattern.Off);

    /// <summary>For states that deserve a blink (trunk registering, cloud sync failing).</summary>
    public void SetStatus(StatusLed led, LedPattern pattern)
    {
        if (!Enum.IsDefined(led))
        {
            throw new ArgumentOutOfRangeException(nameof(led), led, "unknown status LED");
        }

        Hardware.Board.Set((int)led, pattern);
    }

    /// <summary>
    /// Presses or releases a button of the simulated panel (the web page's virtual buttons). It goes
    /// through the same debounce and long-press timing as a finger. False on real GPIO or for a
    /// button the pin map lacks.
    /// </summary>
    public bool SetVirtualButton(PanelButton button, bool pressed)
    {
        var pin = button == PanelButton.Night ? _settings.Buttons.Night : _settings.Buttons.Reset;
        if (_simulator is null || pin is null)
        {
            return false;
        }

        _simulator.SetInput(pin.Pin, pressed == pin.ActiveLow ? PinValue.Low : PinValue.High);
        return true;
    }

    public PanelSnapshot Snapshot()
    {
        var hardware = Hardware;
        var leds = hardware.Board.ReadAll();
        var status = new LedSnapshot[PanelHardware.StatusSlots];
        for (int i = 0; i < status.Length; i++)
        {
            status[i] = new LedSnapshot(StatusId((StatusLed)i), leds[i].Pattern, leds[i].Lit);
        }

        var lines = new LedSnapshot[_settings.LineCount];
        for (int line = 1; line <= lines.Length; line++)
        {
            var (pattern, lit) = leds[PanelHardware.LineSlot(line)];
            lines[line - 1] = new LedSnapshot($"line{line}", pattern, lit);
        }

        bool pending;
        lock (_gate)
        {
            pending = _reset.IsArmed;
        }

        return new PanelSnapshot(
            _time.GetUtcNow(),
            Backend,
            IsSimulated,
            Warning,
            status,
            lines,
            pending,
            hardware.Buttons.TryGetValue(PanelButton.Night, out var night) && night.IsPressed,
            hardware.Buttons.TryGetValue(PanelButton.Reset, out var reset) && reset.IsPressed,
            _settings.BlinkMs,
            _settings.FastBlinkMs);
    }

    private static string StatusId(StatusLed led) => led switch
    {
        StatusLed.Power => "power",
        StatusLed.Trunk => "trunk",
        StatusLed.Cloud => "cloud",
        StatusLed.Voicemail => "voicemail",
        _ => "night",
    };

    public ValueTask DisposeAsync()
    {
        _resetWindow.Dispose();
        // The controller owns its driver (the simulator too) and disposes it.
        _hardware?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static FrontPanel? TryOpenChip(PanelSettings settings, TimeProvider time, ILogger log, Func<int, GpioDriver> openChip, out string? warning)
    {
        GpioController controller;
        try
        {
            controller = new GpioController(openChip(settings.GpioChip));
        }
        catch (Exception ex) when (GpioFailures.IsEnvironmental(ex))
        {
            warning = $"GPIO chip {settings.GpioChip} is not available ({ex.Message}); the front panel is simulated";
            return null;
        }

        var panel = new FrontPanel(settings, time, log, $"gpiochip{settings.GpioChip}", simulator: null, warning: null);
        panel._hardware = PanelHardware.Open(settings, controller, time, panel.OnGesture, log, out string? failure);
        if (panel._hardware is null)
        {
            controller.Dispose();
            panel._resetWindow.Dispose();
            warning = $"GPIO chip {settings.GpioChip}: {failure}; the front panel is simulated";
            return null;
        }

        warning = null;
        return panel;
    }

    private void OnGesture(PanelButton button, ButtonGesture gesture)
    {
        PanelLog.Gesture(_log, button, gesture);
        PanelAction? expired = null;
        PanelAction? action = null;
        lock (_gate)
        {
            if (button == PanelButton.Night && gesture == ButtonGesture.ShortPress)
            {
                action = PanelAction.NightModeToggleRequested;
            }
            else if (button == PanelButton.Reset)
            {
                // The window timer may be due at this very instant but not have run yet: close the
                // window first so the daemon always sees Cancelled before a fresh Armed.
                var now = _time.GetUtcNow();
                expired = _reset.OnWindowTimer(now);
                action = _reset.OnResetGesture(gesture, now);
                ShowResetState();
            }
        }

        Raise(expired);
        Raise(action);
    }

    private void OnResetWindow()
    {
        PanelAction? action;
        lock (_gate)
        {
            action = _reset.OnWindowTimer(_time.GetUtcNow());
            ShowResetState();
        }

        Raise(action);
    }

    /// <summary>While armed the power LED fast-blinks so the installer sees the box wants a second press.</summary>
    private void ShowResetState()
    {
        if (_reset.ArmedUntil is { } until)
        {
            _hardware?.Board.SetOverride((int)StatusLed.Power, LedPattern.FastBlink);
            _resetWindow.Change(until - _time.GetUtcNow(), Timeout.InfiniteTimeSpan);
        }
        else
        {
            _hardware?.Board.SetOverride((int)StatusLed.Power, null);
            _resetWindow.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Raise(PanelAction? action)
    {
        if (action is not { } a)
        {
            return;
        }

        if (a is PanelAction.FactoryResetArmed or PanelAction.FactoryResetConfirmed or PanelAction.FactoryResetCancelled)
        {
            PanelLog.FactoryReset(_log, a);
        }

        ButtonEvent?.Invoke(new PanelButtonEvent(a, _time.GetUtcNow(), _settings.KeepCallRecordsOnFactoryReset));
    }
}
