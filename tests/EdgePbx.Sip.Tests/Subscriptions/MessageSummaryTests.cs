using EdgePbx.Sip.Events;

namespace EdgePbx.Sip.Tests.Subscriptions;

/// <summary>RFC 3842 bodies: the examples of sections 4 and 5.2 (TestData/rfc3842) and the grammar's edges.</summary>
public sealed class MessageSummaryTests
{
    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc3842", name));

    [Fact]
    public void Section_5_2_voice_example_parses_with_urgent_counts_and_writes_back_byte_exact()
    {
        var text = Example("section-5.2-voice.txt");
        var r = MessageSummary.Parse(text);

        Assert.Null(r.Error);
        var s = r.Summary!;
        Assert.True(s.MessagesWaiting);
        Assert.Equal("sip:alice@vmail.example.com", s.Account);
        Assert.Equal(new MessageCounts("Voice-Message", 4, 8, 1, 2), s.Find("voice-message"));
        Assert.Equal(text, s.Write());
    }

    [Fact]
    public void Section_5_2_example_with_message_headers_keeps_them_in_order()
    {
        var text = Example("section-5.2-with-headers.txt");
        var s = MessageSummary.Parse(text).Summary!;

        Assert.Single(s.Counts);
        Assert.Equal(["To", "From", "Subject", "Date", "Priority", "Message-ID"], s.MessageHeaders.Select(h => h.Key));
        Assert.Equal("carpool tomorrow?", s.MessageHeaders[2].Value);
        Assert.Equal(text, s.Write());
    }

    [Fact]
    public void Section_4_notify_body_parses()
    {
        var s = MessageSummary.Parse(Example("section-4-notify.txt")).Summary!;

        Assert.Equal(new MessageCounts("Voice-Message", 2, 8, 0, 2), s.Counts[0]);
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
