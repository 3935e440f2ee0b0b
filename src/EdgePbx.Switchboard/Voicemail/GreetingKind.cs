namespace EdgePbx.Switchboard.Voicemail;

/// <summary>Which greeting a caller hears: busy when the hunt ended with everyone busy, unavailable otherwise.</summary>
public enum GreetingKind
{
    Unavailable,
    Busy,
}
