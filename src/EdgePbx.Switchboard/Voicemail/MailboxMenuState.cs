namespace EdgePbx.Switchboard.Voicemail;

public enum MailboxMenuState
{
    /// <summary>Collecting the PIN (digits, then '#').</summary>
    Pin,

    Main,

    /// <summary>A message is playing or was just heard.</summary>
    Message,

    /// <summary>Greetings menu.</summary>
    Options,

    /// <summary>Recording a greeting.</summary>
    Greeting,

    Done,
}
