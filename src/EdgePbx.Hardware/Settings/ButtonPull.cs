namespace EdgePbx.Hardware.Settings;

/// <summary>The bias the SoC applies to a button input.</summary>
public enum ButtonPull
{
    None,
    Up,
    Down,
}
