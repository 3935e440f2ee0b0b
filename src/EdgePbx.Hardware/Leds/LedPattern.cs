namespace EdgePbx.Hardware.Leds;

/// <summary>What an LED shows over time.</summary>
public enum LedPattern
{
    Off,
    On,

    /// <summary>On for blinkMs, off for blinkMs: a line ringing.</summary>
    Blink,

    /// <summary>On for fastBlinkMs, off for fastBlinkMs: a fault, or a factory reset awaiting confirmation.</summary>
    FastBlink,
}
