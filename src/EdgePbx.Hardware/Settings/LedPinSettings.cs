namespace EdgePbx.Hardware.Settings;

/// <summary>One LED wired straight to a GPIO pin (logical/BCM numbering).</summary>
public sealed record LedPinSettings
{
    public int Pin { get; set; }

    /// <summary>True when the LED sits between 3V3 and the pin, so a low pin lights it.</summary>
    public bool ActiveLow { get; set; }
}
