namespace EdgePbx.Switchboard.Events;

/// <summary>What an extension's line LED shows.</summary>
public enum LineState
{
    Idle = 0,
    Ringing,
    Up,
}
