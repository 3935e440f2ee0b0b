namespace EdgePbx.Hardware.Settings;

/// <summary>Pins of the front-panel buttons; a null entry means the board has no such button.</summary>
public sealed record PanelButtonPins
{
    public ButtonPinSettings? Night { get; set; }
    public ButtonPinSettings? Reset { get; set; }
}
