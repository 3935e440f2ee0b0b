namespace EdgePbx.Routing.Model;

public enum TargetKind
{
    Hangup,
    Extension,
    Group,
    Menu,
    Voicemail,
    External,

    /// <summary>A menu choice only: the menu the caller came from.</summary>
    Back,
}
