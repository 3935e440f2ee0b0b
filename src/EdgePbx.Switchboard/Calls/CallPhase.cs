namespace EdgePbx.Switchboard.Calls;

/// <summary>Where a call stands; only <see cref="Call"/> moves it.</summary>
public enum CallPhase
{
    /// <summary>Taken, not yet routed.</summary>
    Starting = 0,

    /// <summary>Playing the welcome audio as early media.</summary>
    Welcome,

    /// <summary>Members ring; the caller hears ringback.</summary>
    Hunting,

    Answered,

    /// <summary>Answered by voicemail: greeting, then recording the caller's message.</summary>
    Voicemail,

    /// <summary>A phone in its mailbox menu (PIN, listen, delete, save, greetings).</summary>
    Mailbox,

    Ended,

    /// <summary>In an IVR menu (early media): the prompt plays, keys are collected.</summary>
    Menu,
}
