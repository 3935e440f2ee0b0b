namespace EdgePbx.Hardware.Buttons;

public enum PanelButton
{
    Night,
    Reset,
}
