using System.Device.Gpio;
using EdgePbx.Hardware.Buttons;
using EdgePbx.Hardware.Gpio;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Settings;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Hardware.Panel;

/// <summary>
/// Everything opened on one GPIO controller for a pin map: the LED outputs, the LED board and the
/// button debouncers. Owns the controller; disposing releases every pin.
/// </summary>
internal sealed class PanelHardware : IDisposable
{
    private readonly GpioController _controller;
    private readonly List<IDisposable> _owned;

    private PanelHardware(GpioController controller, LedBoard board, Dictionary<PanelButton, ButtonDebouncer> buttons, List<IDisposable> owned)
    {
        _controller = controller;
        Board = board;
        Buttons = buttons;
        _owned = owned;
    }

    public LedBoard Board { get; }

    public IReadOnlyDictionary<PanelButton, ButtonDebouncer> Buttons { get; }

    public static int LineSlot(int line) => StatusSlots + line - 1;

    public const int StatusSlots = 5;

    /// <summary>
    /// Opens every pin of the map. On a missing chip or a busy pin it releases what it opened and
    /// returns null with the reason, naming the settings key whose pin failed.
    /// </summary>
    public static PanelHardware? Open(
        PanelSettings settings,
        GpioController controller,
        TimeProvider time,
        Action<PanelButton, ButtonGesture> onGesture,
        ILogger log,
        out string? failure)
    {
        var owned = new List<IDisposable>();
        string step = "the GPIO chip";
        try
        {
            var outputs = new List<ILedOutput>();
            var direct = new List<(int, LedPinSettings, string)>();
            AddStatus(direct, settings.Status.Power, StatusLed.Power, "panel.status.power");
            AddStatus(direct, settings.Status.Trunk, StatusLed.Trunk, "panel.status.trunk");
            AddStatus(direct, settings.Status.Cloud, StatusLed.Cloud, "panel.status.cloud");
            AddStatus(direct, settings.Status.Voicemail, StatusLed.Voicemail, "panel.status.voicemail");
            AddStatus(direct, settings.Status.Night, StatusLed.Night, "panel.status.night");
            if (settings.ShiftRegister is null)
            {
                for (int line = 1; line <= settings.LineCount; line++)
                {
                    direct.Add((LineSlot(line), settings.LinePins[line - 1], $"panel.linePins[{line - 1}]"));
                }
            }

            outputs.Add(new DirectLedOutput(controller, direct, key => step = key));
            if (settings.ShiftRegister is { } sr)
            {
                outputs.Add(new ShiftRegisterLedOutput(controller, sr, LineSlot(1), settings.LineCount, key => step = key));
            }

            step = "the LED board";
            var timing = new LedTiming(TimeSpan.FromMilliseconds(settings.BlinkMs), TimeSpan.FromMilliseconds(settings.FastBlinkMs));
            var board = new LedBoard(StatusSlots + settings.LineCount, timing, outputs, time, log);
            owned.Add(board);

            var buttons = new Dictionary<PanelButton, ButtonDebouncer>();
            var buttonTiming = new ButtonTiming(TimeSpan.FromMilliseconds(settings.DebounceMs), TimeSpan.FromMilliseconds(settings.LongPressMs));
            foreach (var (button, pin, key) in new[]
            {
                (PanelButton.Night, settings.Buttons.Night, "panel.buttons.night"),
                (PanelButton.Reset, settings.Buttons.Reset, "panel.buttons.reset"),
            })
            {
                if (pin is null)
                {
                    continue;
                }

                step = $"{key} (GPIO {pin.Pin})";
                var debouncer = new ButtonDebouncer(button, controller, pin, buttonTiming, time, onGesture, log);
                owned.Add(debouncer);
                buttons[button] = debouncer;
            }

            failure = null;
            return new PanelHardware(controller, board, buttons, owned);
        }
        catch (Exception ex) when (GpioFailures.IsEnvironmental(ex))
        {
            for (int i = owned.Count - 1; i >= 0; i--)
            {
                owned[i].Dispose();
            }

            failure = $"opening {step} failed: {ex.Message}";
            return null;
        }
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        // Closes every pin still open (direct LEDs, register wires, button inputs).
        _controller.Dispose();
    }

    private static void AddStatus(List<(int, LedPinSettings, string)> direct, LedPinSettings? pin, StatusLed led, string key)
    {
        if (pin is not null)
        {
            direct.Add(((int)led, pin, key));
        }
    }
}
