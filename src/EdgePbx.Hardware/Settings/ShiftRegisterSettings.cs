namespace EdgePbx.Hardware.Settings;

/// <summary>
/// A chain of 74HC595 shift registers carrying the line LEDs (bit 0 of the register nearest the
/// SoC is line 1). Used when the board has more lines than spare GPIO pins.
/// </summary>
public sealed record ShiftRegisterSettings
{
    /// <summary>SER, serial data in (pin 14 of the 74HC595).</summary>
    public int DataPin { get; set; }

    /// <summary>SRCLK, shift clock (pin 11).</summary>
    public int ClockPin { get; set; }

    /// <summary>RCLK, storage/latch clock (pin 12).</summary>
    public int LatchPin { get; set; }

    /// <summary>
    /// /OE, output enable (pin 13, active low); 0 when tied to ground on the board. When wired, the
    /// outputs stay disabled until the first full pattern is latched.
    /// </summary>
    public int OutputEnablePin { get; set; }

    /// <summary>Number of chained registers (8 outputs each).</summary>
    public int Chips { get; set; } = 2;

    /// <summary>True when the LEDs are sunk by the register outputs, so a 0 bit lights the LED.</summary>
    public bool ActiveLow { get; set; }
}
