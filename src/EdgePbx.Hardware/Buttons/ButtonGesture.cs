namespace EdgePbx.Hardware.Buttons;

/// <summary>What a debounced button did.</summary>
public enum ButtonGesture
{
    /// <summary>Pressed and released before the long-press time.</summary>
    ShortPress,

    /// <summary>Held for the long-press time; reported while still held, and no short press follows on release.</summary>
    LongPress,
}
