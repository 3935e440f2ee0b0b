namespace EdgePbx.Sip.Dialogs;

public enum DialogState
{
    /// <summary>Created by a provisional response with a To tag (RFC 3261 12.1).</summary>
    Early = 0,
    Confirmed,
    Terminated,
}
