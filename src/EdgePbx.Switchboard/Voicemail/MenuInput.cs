namespace EdgePbx.Switchboard.Voicemail;

/// <summary>What the mailbox menu is told: the session began, a key, a quiet timeout, the end of a message's playback.</summary>
public readonly record struct MenuInput(MenuInputKind Kind, char Digit = '\0')
{
    public static MenuInput Start => new(MenuInputKind.Start);

    public static MenuInput Timeout => new(MenuInputKind.Timeout);

    public static MenuInput PlaybackEnded => new(MenuInputKind.PlaybackEnded);

    public static MenuInput Key(char digit) => new(MenuInputKind.Digit, digit);
}

public enum MenuInputKind
{
    Start,
    Digit,
    Timeout,
    PlaybackEnded,
}
