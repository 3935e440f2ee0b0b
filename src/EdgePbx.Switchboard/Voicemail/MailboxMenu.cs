using EdgePbx.Storage.Voicemail;

namespace EdgePbx.Switchboard.Voicemail;

/// <summary>
/// The mailbox menu a phone reaches on the voicemail access number, as a pure state machine: every transition is
/// in <see cref="Handle"/>, which returns what the call should do (play, delete, save, record, hang up).
/// Keys: PIN then '#'; main menu 1 listen, 0 greetings, * hang up; while a message plays or after it:
/// 7 delete, 9 save (becomes old), 6 or # next, 5 again, * main menu; greetings: 1 unavailable, 2 busy
/// (record after the beep, '#' ends), * back. Messages are heard newest first.
/// </summary>
public sealed class MailboxMenu
{
    private const int MaxPinDigits = 16;
    private const int MaxQuietTimeouts = 3;

    private readonly Func<string, bool> _verifyPin;
    private readonly int _pinAttempts;
    private readonly List<VoicemailMessage> _messages;
    private readonly System.Text.StringBuilder _pin = new();
    private int _failedPins;
    private int _timeouts;
    private int _current;

    /// <param name="verifyPin">True when the PIN is the box owner's.</param>
    /// <param name="pinAttempts">Wrong PINs before hanging up.</param>
    /// <param name="messages">The box's messages, newest first (as the index lists them).</param>
    public MailboxMenu(Func<string, bool> verifyPin, int pinAttempts, IReadOnlyList<VoicemailMessage> messages)
    {
        _verifyPin = verifyPin;
        _pinAttempts = pinAttempts;
        _messages = [.. messages];
    }

    public MailboxMenuState State { get; private set; } = MailboxMenuState.Pin;

    public VoicemailMessage? Current => State == MailboxMenuState.Message && _current < _messages.Count ? _messages[_current] : null;

    public IReadOnlyList<MenuCommand> Handle(MenuInput input)
    {
        if (input.Kind == MenuInputKind.Digit)
        {
            _timeouts = 0;
        }

        return (State, input.Kind) switch
        {
            (_, MenuInputKind.Start) => [new PlayPrompt(MenuPrompt.EnterPin)],
            (MailboxMenuState.Done, _) => [],
            (_, MenuInputKind.Timeout) when ++_timeouts >= MaxQuietTimeouts && State != MailboxMenuState.Greeting => [new HangUp("no key pressed")],
            (MailboxMenuState.Pin, MenuInputKind.Digit) => Pin(input.Digit),
            (MailboxMenuState.Pin, MenuInputKind.Timeout) => _pin.Length > 0 ? Pin('#') : [new PlayPrompt(MenuPrompt.EnterPin)],
            (MailboxMenuState.Main, MenuInputKind.Digit) => Main(input.Digit),
            (MailboxMenuState.Main, MenuInputKind.Timeout) => [new PlayPrompt(MenuPrompt.MainMenu)],
            (MailboxMenuState.Message, MenuInputKind.Digit) => Message(input.Digit),
            (MailboxMenuState.Message, MenuInputKind.PlaybackEnded or MenuInputKind.Timeout) => [new PlayPrompt(MenuPrompt.MessageOptions)],
            (MailboxMenuState.Options, MenuInputKind.Digit) => Options(input.Digit),
            (MailboxMenuState.Options, MenuInputKind.Timeout) => [new PlayPrompt(MenuPrompt.Options)],
            (MailboxMenuState.Greeting, MenuInputKind.Digit) when input.Digit == '#' => GreetingDone(),
            (MailboxMenuState.Greeting, MenuInputKind.Timeout) => GreetingDone(),
            _ => [],
        };
    }

    private IReadOnlyList<MenuCommand> Pin(char digit)
    {
        if (digit == '*')
        {
            _pin.Clear();
            return [new PlayPrompt(MenuPrompt.EnterPin)];
        }

        if (digit != '#')
        {
            if (_pin.Length < MaxPinDigits)
            {
                _pin.Append(digit);
            }

            return [];
        }

        var ok = _pin.Length > 0 && _verifyPin(_pin.ToString());
        _pin.Clear();
        if (ok)
        {
            State = MailboxMenuState.Main;
            return [new PlayPrompt(MenuPrompt.NewMessages, _messages.Count(m => !m.Heard)), new PlayPrompt(MenuPrompt.MainMenu)];
        }

        if (++_failedPins >= _pinAttempts)
        {
            State = MailboxMenuState.Done;
            return [new HangUp($"wrong PIN {_failedPins} times")];
        }

        return [new PlayPrompt(MenuPrompt.PinWrong), new PlayPrompt(MenuPrompt.EnterPin)];
    }

    private IReadOnlyList<MenuCommand> Main(char digit)
    {
        switch (digit)
        {
            case '1' when _messages.Count == 0:
                return [new PlayPrompt(MenuPrompt.NoMessages), new PlayPrompt(MenuPrompt.MainMenu)];
            case '1':
                State = MailboxMenuState.Message;
                _current = 0;
                return [new PlayMessage(_messages[0])];
            case '0':
                State = MailboxMenuState.Options;
                return [new PlayPrompt(MenuPrompt.Options)];
            case '*':
                State = MailboxMenuState.Done;
                return [new HangUp("goodbye")];
            default:
                return [new PlayPrompt(MenuPrompt.MainMenu)];
        }
    }

    private IReadOnlyList<MenuCommand> Message(char digit)
    {
        var message = _messages[_current];
        switch (digit)
        {
            case '7':
                _messages.RemoveAt(_current);
                return [new DeleteMessage(message), new PlayPrompt(MenuPrompt.Deleted), .. Next(advance: false)];
            case '9':
                _messages[_current] = message with { Heard = true };
                return [new SaveMessage(message), new PlayPrompt(MenuPrompt.Saved), .. Next(advance: true)];
            case '6' or '#':
                return Next(advance: true);
            case '5':
                return [new PlayMessage(message)];
            case '*':
                State = MailboxMenuState.Main;
                return [new PlayPrompt(MenuPrompt.MainMenu)];
            default:
                return [new PlayPrompt(MenuPrompt.MessageOptions)];
        }
    }

    private IReadOnlyList<MenuCommand> Next(bool advance)
    {
        if (advance)
        {
            _current++;
        }

        if (_current < _messages.Count)
        {
            return [new PlayMessage(_messages[_current])];
        }

        State = MailboxMenuState.Main;
        return [new PlayPrompt(MenuPrompt.NoMoreMessages), new PlayPrompt(MenuPrompt.MainMenu)];
    }

    private IReadOnlyList<MenuCommand> Options(char digit)
    {
        switch (digit)
        {
            case '1' or '2':
                State = MailboxMenuState.Greeting;
                return [new PlayPrompt(MenuPrompt.RecordAfterBeep), new StartGreeting(digit == '1' ? GreetingKind.Unavailable : GreetingKind.Busy)];
            case '*':
                State = MailboxMenuState.Main;
                return [new PlayPrompt(MenuPrompt.MainMenu)];
            default:
                return [new PlayPrompt(MenuPrompt.Options)];
        }
    }

    private IReadOnlyList<MenuCommand> GreetingDone()
    {
        State = MailboxMenuState.Options;
        return [new FinishGreeting(), new PlayPrompt(MenuPrompt.GreetingSaved), new PlayPrompt(MenuPrompt.Options)];
    }
}
