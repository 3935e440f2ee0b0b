using EdgePbx.Storage.Voicemail;
using EdgePbx.Switchboard.Voicemail;

namespace EdgePbx.Switchboard.Tests.Voicemail;

/// <summary>The mailbox menu's transitions one by one (no network, no clock: the menu is a pure state machine).</summary>
public sealed class MailboxMenuTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly VoicemailMessage Newest = new(3, "101", "139", T.AddMinutes(2), TimeSpan.FromSeconds(5), "101/c.wav", false);
    private static readonly VoicemailMessage Middle = new(2, "101", "138", T.AddMinutes(1), TimeSpan.FromSeconds(5), "101/b.wav", true);
    private static readonly VoicemailMessage Oldest = new(1, "101", "137", T, TimeSpan.FromSeconds(5), "101/a.wav", false);

    private static MailboxMenu LoggedIn(params VoicemailMessage[] messages)
    {
        var menu = new MailboxMenu(pin => pin == "1234", 3, messages);
        menu.Handle(MenuInput.Start);
        Press(menu, "1234#");
        return menu;
    }

    private static IReadOnlyList<MenuCommand> Press(MailboxMenu menu, string keys)
    {
        IReadOnlyList<MenuCommand> last = [];
        foreach (var k in keys)
        {
            last = menu.Handle(MenuInput.Key(k));
        }

        return last;
    }

    [Fact]
    public void Start_asks_for_the_pin_and_digits_are_collected_until_pound()
    {
        var menu = new MailboxMenu(pin => pin == "1234", 3, [Newest]);

        Assert.Equal([new PlayPrompt(MenuPrompt.EnterPin)], menu.Handle(MenuInput.Start));
        Assert.Empty(Press(menu, "123"));
        var commands = Press(menu, "4#");

        Assert.Equal(MailboxMenuState.Main, menu.State);
        Assert.Equal([new PlayPrompt(MenuPrompt.NewMessages, 1), new PlayPrompt(MenuPrompt.MainMenu)], commands);
    }

    [Fact]
    public void Count_is_of_new_messages_only()
    {
        var menu = new MailboxMenu(pin => pin == "1234", 3, [Newest, Middle, Oldest]);
        menu.Handle(MenuInput.Start);

        Assert.Equal(new PlayPrompt(MenuPrompt.NewMessages, 2), Press(menu, "1234#")[0]);
    }

    [Fact]
    public void Three_wrong_pins_hang_up_and_star_clears_what_was_typed()
    {
        var menu = new MailboxMenu(pin => pin == "1234", 3, []);
        menu.Handle(MenuInput.Start);

        Assert.Equal([new PlayPrompt(MenuPrompt.PinWrong), new PlayPrompt(MenuPrompt.EnterPin)], Press(menu, "9#"));
        Assert.Equal(MailboxMenuState.Pin, menu.State);
        Press(menu, "12*");
        Assert.Equal(new PlayPrompt(MenuPrompt.PinWrong), Press(menu, "12#")[0]);
        Assert.Equal([new HangUp("wrong PIN 3 times")], Press(menu, "0#"));
        Assert.Equal(MailboxMenuState.Done, menu.State);
        Assert.Empty(Press(menu, "1234#"));
    }

    [Fact]
    public void A_timeout_with_digits_typed_checks_them_as_if_pound_was_pressed()
    {
        var menu = new MailboxMenu(pin => pin == "1234", 3, []);
        menu.Handle(MenuInput.Start);
        Press(menu, "1234");

        menu.Handle(MenuInput.Timeout);

        Assert.Equal(MailboxMenuState.Main, menu.State);
    }

    [Fact]
    public void Listen_plays_newest_first_and_next_walks_to_older_ones()
    {
        var menu = LoggedIn(Newest, Middle, Oldest);

        Assert.Equal([new PlayMessage(Newest)], Press(menu, "1"));
        Assert.Equal([new PlayPrompt(MenuPrompt.MessageOptions)], menu.Handle(MenuInput.PlaybackEnded));
        Assert.Equal([new PlayMessage(Middle)], Press(menu, "6"));
        Assert.Equal([new PlayMessage(Middle)], Press(menu, "5"));
        Assert.Equal([new PlayMessage(Oldest)], Press(menu, "#"));
        Assert.Equal([new PlayPrompt(MenuPrompt.NoMoreMessages), new PlayPrompt(MenuPrompt.MainMenu)], Press(menu, "6"));
        Assert.Equal(MailboxMenuState.Main, menu.State);
    }

    [Fact]
    public void Delete_removes_the_message_and_plays_the_next_one()
    {
        var menu = LoggedIn(Newest, Oldest);
        Press(menu, "1");

        Assert.Equal([new DeleteMessage(Newest), new PlayPrompt(MenuPrompt.Deleted), new PlayMessage(Oldest)], Press(menu, "7"));
        Assert.Equal([new DeleteMessage(Oldest), new PlayPrompt(MenuPrompt.Deleted), new PlayPrompt(MenuPrompt.NoMoreMessages), new PlayPrompt(MenuPrompt.MainMenu)], Press(menu, "7"));
        Assert.Equal([new PlayPrompt(MenuPrompt.NoMessages), new PlayPrompt(MenuPrompt.MainMenu)], Press(menu, "1"));
    }

    [Fact]
    public void Save_marks_the_message_old_and_moves_on()
    {
        var menu = LoggedIn(Newest, Oldest);
        Press(menu, "1");

        Assert.Equal([new SaveMessage(Newest), new PlayPrompt(MenuPrompt.Saved), new PlayMessage(Oldest)], Press(menu, "9"));
        Press(menu, "*");
        Press(menu, "1");
        Assert.True(menu.Current!.Heard);
    }

    [Fact]
    public void Greetings_are_recorded_after_the_beep_and_pound_keeps_them()
    {
        var menu = LoggedIn();

        Assert.Equal([new PlayPrompt(MenuPrompt.Options)], Press(menu, "0"));
        Assert.Equal([new PlayPrompt(MenuPrompt.RecordAfterBeep), new StartGreeting(GreetingKind.Busy)], Press(menu, "2"));
        Assert.Equal(MailboxMenuState.Greeting, menu.State);
        Assert.Empty(Press(menu, "5"));
        Assert.Equal([new FinishGreeting(), new PlayPrompt(MenuPrompt.GreetingSaved), new PlayPrompt(MenuPrompt.Options)], Press(menu, "#"));
        Assert.Equal(new StartGreeting(GreetingKind.Unavailable), Press(menu, "1")[1]);
    }

    [Fact]
    public void Three_quiet_timeouts_hang_up_but_a_greeting_being_recorded_is_not_cut_by_them()
    {
        var menu = LoggedIn();
        menu.Handle(MenuInput.Timeout);
        menu.Handle(MenuInput.Timeout);

        Assert.Equal([new HangUp("no key pressed")], menu.Handle(MenuInput.Timeout));

        var recording = LoggedIn();
        Press(recording, "01");
        Assert.IsType<FinishGreeting>(recording.Handle(MenuInput.Timeout)[0]);
    }

    [Fact]
    public void Star_in_the_main_menu_hangs_up()
    {
        Assert.Equal([new HangUp("goodbye")], Press(LoggedIn(), "*"));
    }
}
