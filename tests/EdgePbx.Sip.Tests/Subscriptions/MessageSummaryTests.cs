using EdgePbx.Sip.Events;

namespace EdgePbx.Sip.Tests.Subscriptions;

/// <summary>RFC 3842 bodies: the examples of section 4.1 (TestData/rfc3842, see its README) and the 5.2 grammar's edges.</summary>
public sealed class MessageSummaryTests
{
    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc3842", name));

    [Fact]
    public void Section_4_1_A3_sync_notify_parses_with_urgent_counts_and_writes_back_byte_exact()
    {
        var text = Example("section-4.1-A3-notify-sync.txt");
        var r = MessageSummary.Parse(text);

        Assert.Null(r.Error);
        var s = r.Summary!;
        Assert.True(s.MessagesWaiting);
        Assert.Equal("sip:alice@vmail.example.com", s.Account);
        Assert.Equal(new MessageCounts("Voice-Message", 2, 8, 0, 2), s.Find("voice-message"));
        Assert.Equal(text, s.Write());
    }

    [Fact]
    public void Section_4_1_A5_change_notify_keeps_the_message_headers_in_order_and_writes_back_byte_exact()
    {
        var text = Example("section-4.1-A5-notify-change.txt");
        var s = MessageSummary.Parse(text).Summary!;

        Assert.Equal(new MessageCounts("Voice-Message", 4, 8, 1, 2), Assert.Single(s.Counts));
        var block = Assert.Single(s.MessageHeaderBlocks);
        Assert.Equal(["To", "From", "Subject"], block.Select(h => h.Key));
        Assert.Equal("carpool tomorrow?", block[2].Value);
        Assert.Equal(text, s.Write());
    }

    [Fact]
    public void Section_5_2_opt_msg_headers_repeat_one_block_per_message_and_round_trip()
    {
        // RFC 3842 5.2: *opt-msg-headers, opt-msg-headers = CRLF 1*(extension-header CRLF)
        const string text = "Messages-Waiting: yes\r\nVoice-Message: 2/0\r\n"
            + "\r\nFrom: <sip:201@pbx>\r\nSubject: first\r\n"
            + "\r\nFrom: <sip:202@pbx>\r\nSubject: second\r\n";
        var s = MessageSummary.Parse(text).Summary!;

        Assert.Equal(2, s.MessageHeaderBlocks.Count);
        Assert.Equal("second", s.MessageHeaderBlocks[1][1].Value);
        Assert.Equal(text, s.Write());
    }

    [Fact]
    public void Section_5_2_msgcount_reaches_two_to_the_32_minus_1()
    {
        var s = MessageSummary.Parse("Messages-Waiting: yes\r\nVoice-Message: 4294967295/0 (2147483648/0)\r\n").Summary!;

        Assert.Equal(new MessageCounts("Voice-Message", 4294967295, 0, 2147483648, 0), s.Counts[0]);
    }

    [Fact]
    public void Section_5_2_separators_may_carry_whitespace()
    {
        // HCOLON, SLASH, LPAREN and RPAREN allow linear whitespace around them (RFC 3261 25.1)
        var s = MessageSummary.Parse("Messages-Waiting : yes\r\nVoice-Message:3 / 1 ( 1 / 0 )\r\n").Summary!;

        Assert.Equal(new MessageCounts("Voice-Message", 3, 1, 1, 0), s.Counts[0]);
    }

    [Fact]
    public void Voice_summary_of_a_mailbox_is_waiting_only_with_new_messages()
    {
        Assert.Equal("Messages-Waiting: yes\r\nMessage-Account: sip:101@pbx\r\nVoice-Message: 1/3\r\n", MessageSummary.Voice("sip:101@pbx", 1, 3).Write());
        Assert.Equal("Messages-Waiting: no\r\nMessage-Account: sip:101@pbx\r\nVoice-Message: 0/3\r\n", MessageSummary.Voice("sip:101@pbx", 0, 3).Write());
    }

    [Theory]
    [InlineData("", "no Messages-Waiting line")]
    [InlineData("Voice-Message: 1/2\r\n", "must start with Messages-Waiting")]
    [InlineData("Messages-Waiting: maybe\r\n", "yes or no")]
    [InlineData("Messages-Waiting: yes\r\nVoice-Message: one/2\r\n", "not a summary line")]
    [InlineData("Messages-Waiting: yes\r\nVoice-Message: 1/2 (1/\r\n", "not a summary line")]
    [InlineData("Messages-Waiting: yes\r\nVoice-Message: 4294967296/0\r\n", "not a summary line")]
    [InlineData("Messages-Waiting: yes\r\ngarbage\r\n", "no colon")]
    public void Bad_bodies_are_errors_not_exceptions(string body, string error)
    {
        var r = MessageSummary.Parse(body);

        Assert.Null(r.Summary);
        Assert.Contains(error, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_case_insensitive_and_bare_lf_is_accepted()
    {
        var s = MessageSummary.Parse("messages-waiting: NO\nmessage-account: sip:x@y\nfax-message: 0/1\n").Summary!;

        Assert.False(s.MessagesWaiting);
        Assert.Equal(new MessageCounts("fax-message", 0, 1), s.Find("Fax-Message"));
    }
}
