namespace EdgePbx.Hardware.Settings;

/// <summary>One push button wired to a GPIO input pin (logical/BCM numbering).</summary>
public sealed record ButtonPinSettings
{
    public int Pin { get; set; }

    /// <summary>
    /// True (the reference board) when the button shorts the pin to ground against a pull-up,
    /// so a pressed button reads low.
    /// </summary>
    public bool ActiveLow { get; set; } = true;

    public ButtonPull Pull { get; set; } = ButtonPull.Up;
}
