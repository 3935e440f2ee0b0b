namespace EdgePbx.Hardware.Settings;

/// <summary>Pins of the five status LEDs; a null entry means the board has no such LED.</summary>
public sealed record StatusLedPins
{
    public LedPinSettings? Power { get; set; }
    public LedPinSettings? Trunk { get; set; }
    public LedPinSettings? Cloud { get; set; }
    public LedPinSettings? Voicemail { get; set; }
    public LedPinSettings? Night { get; set; }
}
