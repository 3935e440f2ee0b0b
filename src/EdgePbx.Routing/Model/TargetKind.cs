namespace EdgePbx.Routing.Model;

public enum TargetKind
{
    Hangup,
    Extension,
    Group,
    Menu,
    Voicemail,
    External,
}
