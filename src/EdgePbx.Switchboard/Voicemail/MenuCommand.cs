using EdgePbx.Storage.Voicemail;

namespace EdgePbx.Switchboard.Voicemail;

/// <summary>What the mailbox menu asks the call to do; the call carries them out in order.</summary>
public abstract record MenuCommand;

/// <summary>Play a menu prompt (a file in the prompt folder, or its tone pattern when there is none).</summary>
public sealed record PlayPrompt(MenuPrompt Prompt, int Count = 0) : MenuCommand;

public sealed record PlayMessage(VoicemailMessage Message) : MenuCommand;

public sealed record DeleteMessage(VoicemailMessage Message) : MenuCommand;

public sealed record SaveMessage(VoicemailMessage Message) : MenuCommand;

/// <summary>Record the owner's greeting until '#' (or the greeting length limit).</summary>
public sealed record StartGreeting(GreetingKind Kind) : MenuCommand;

/// <summary>'#' ended the greeting recording: keep it.</summary>
public sealed record FinishGreeting : MenuCommand;

public sealed record HangUp(string Reason) : MenuCommand;

/// <summary>The menu's prompts; each has a WAV name (prompts/vm-NAME.wav) and a tone pattern to fall back on.</summary>
public enum MenuPrompt
{
    EnterPin,
    PinWrong,
    /// <summary>How many new messages (the count is the number of short beeps when there is no recorded prompt).</summary>
    NewMessages,
    MainMenu,
    NoMessages,
    MessageOptions,
    Deleted,
    Saved,
    NoMoreMessages,
    Options,
    RecordAfterBeep,
    GreetingSaved,
}
