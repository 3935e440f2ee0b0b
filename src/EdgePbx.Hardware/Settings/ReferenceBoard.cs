namespace EdgePbx.Hardware.Settings;

/// <summary>The pin map of the reference board (hardware/README.md) for a given number of lines.</summary>
public static class ReferenceBoard
{
    /// <summary>Lines that fit on direct GPIO pins; more go on the 74HC595 chain.</summary>
    public const int DirectLines = 4;

    public static PanelSettings ForLines(int lineCount)
    {
        int lines = Math.Clamp(lineCount, 0, 128);
        return lines <= DirectLines
            ? new PanelSettings { LineCount = lines }
            : new PanelSettings
            {
                LineCount = lines,
                ShiftRegister = new ShiftRegisterSettings
                {
                    DataPin = 17,
                    ClockPin = 27,
                    LatchPin = 22,
                    OutputEnablePin = 25,
                    Chips = (lines + 7) / 8,
                },
            };
    }
}
