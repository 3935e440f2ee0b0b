namespace EdgePbx.Hardware.Leds;

/// <summary>The state of one trunk line/channel as the daemon tells it to the panel.</summary>
public enum LineState
{
    Idle,
    Ringing,
    InCall,
    Fault,
}
