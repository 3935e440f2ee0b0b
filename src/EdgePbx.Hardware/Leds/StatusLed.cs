namespace EdgePbx.Hardware.Leds;

/// <summary>The status LEDs; the numeric values are their slots on the LED board.</summary>
public enum StatusLed
{
    Power,
    Trunk,
    Cloud,
    Voicemail,
    Night,
}
