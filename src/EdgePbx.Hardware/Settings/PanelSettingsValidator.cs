namespace EdgePbx.Hardware.Settings;

/// <summary>
/// Checks a pin map before any pin is opened, naming the settings path of every problem, so a typo
/// in the settings file becomes a readable warning instead of a half-driven panel.
/// </summary>
public static class PanelSettingsValidator
{
    private const int MaxLines = 128;
    private const int MaxBcmPin = 63;

    public static IReadOnlyList<string> Validate(PanelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<string>();
        var owners = new Dictionary<int, string>();

        void Pin(int pin, string path)
        {
            if (pin < 0 || pin > MaxBcmPin)
            {
                errors.Add($"{path}: pin {pin} is outside 0..{MaxBcmPin}");
                return;
            }

            if (!owners.TryAdd(pin, path))
            {
                errors.Add($"{path}: pin {pin} is already used by {owners[pin]}");
            }
        }

        if (settings.LineCount < 0 || settings.LineCount > MaxLines)
        {
            errors.Add($"panel.lineCount: {settings.LineCount} is outside 0..{MaxLines}");
        }

        if (settings.ShiftRegister is { } sr)
        {
            Pin(sr.DataPin, "panel.shiftRegister.dataPin");
            Pin(sr.ClockPin, "panel.shiftRegister.clockPin");
            Pin(sr.LatchPin, "panel.shiftRegister.latchPin");
            if (sr.OutputEnablePin != 0)
            {
                Pin(sr.OutputEnablePin, "panel.shiftRegister.outputEnablePin");
            }

            if (sr.Chips < 1 || sr.Chips * 8 < settings.LineCount)
            {
                errors.Add($"panel.shiftRegister.chips: {sr.Chips} chips give {Math.Max(0, sr.Chips) * 8} outputs, fewer than lineCount {settings.LineCount} or none");
            }
        }
        else
        {
            if (settings.LinePins.Count < settings.LineCount)
            {
                errors.Add($"panel.linePins: {settings.LinePins.Count} pins for lineCount {settings.LineCount}; add pins or a shiftRegister");
            }

            for (int i = 0; i < Math.Min(settings.LinePins.Count, Math.Max(0, settings.LineCount)); i++)
            {
                Pin(settings.LinePins[i].Pin, $"panel.linePins[{i}].pin");
            }
        }

        void Led(LedPinSettings? led, string name)
        {
            if (led is not null)
            {
                Pin(led.Pin, $"panel.status.{name}.pin");
            }
        }

        Led(settings.Status.Power, "power");
        Led(settings.Status.Trunk, "trunk");
        Led(settings.Status.Cloud, "cloud");
        Led(settings.Status.Voicemail, "voicemail");
        Led(settings.Status.Night, "night");

        if (settings.Buttons.Night is { } night)
        {
            Pin(night.Pin, "panel.buttons.night.pin");
        }

        if (settings.Buttons.Reset is { } reset)
        {
            Pin(reset.Pin, "panel.buttons.reset.pin");
        }

        Positive(errors, settings.DebounceMs, "panel.debounceMs");
        Positive(errors, settings.BlinkMs, "panel.blinkMs");
        Positive(errors, settings.FastBlinkMs, "panel.fastBlinkMs");
        Positive(errors, settings.FactoryResetConfirmMs, "panel.factoryResetConfirmMs");
        if (settings.LongPressMs <= settings.DebounceMs)
        {
            errors.Add($"panel.longPressMs: {settings.LongPressMs} must be longer than debounceMs {settings.DebounceMs}");
        }

        return errors;
    }

    private static void Positive(List<string> errors, int value, string path)
    {
        if (value <= 0)
        {
            errors.Add($"{path}: {value} must be positive");
        }
    }
}
