namespace EdgePbx.Hardware.Buttons;

/// <summary>How long a contact must be stable, and how long a hold is a long press.</summary>
public readonly record struct ButtonTiming(TimeSpan Debounce, TimeSpan LongPress);
