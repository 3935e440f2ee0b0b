using System.Text;
using EdgePbx.Sip.Subscriptions;

namespace EdgePbx.Sip.Tests.Subscriptions;

/// <summary>RFC 6665 notifier behaviour, one transition at a time, on a fake clock.</summary>
public sealed class EventNotifierTests
{
    [Fact]
    public void New_subscription_gets_200_with_expires_and_contact_then_an_immediate_active_notify()
    {
        var f = new NotifierFixture();
        f.Package.State["101"] = "Messages-Waiting: no\r\n";

        var (status, _, headers) = f.Subscribe("600");

        Assert.Equal(200, status);
        Assert.Equal("600", NotifierFixture.Header(headers, "Expires"));
        Assert.Equal("<sip:101@127.0.0.1:5060>", NotifierFixture.Header(headers, "Contact"));
        var notify = Assert.Single(f.Sent).Request;
        Assert.Equal("NOTIFY", notify.Method);
        Assert.Equal("sip:101@127.0.0.1:5071", notify.RequestTarget);
        Assert.Equal("box1", notify.FromTag);
        Assert.Equal("phone1", notify.ToTag);
        Assert.Equal("sub-1@127.0.0.1", notify.CallId);
        Assert.Equal("message-summary", notify.GetHeader("Event"));
        Assert.Equal("active;expires=600", notify.GetHeader("Subscription-State"));
        Assert.Equal("application/simple-message-summary", notify.ContentType);
        Assert.Equal("Messages-Waiting: no\r\n", Encoding.UTF8.GetString(notify.Body.Span));
        Assert.Equal(1, f.Notifier.Count);
    }

    [Theory]
    [InlineData("presence")]
    [InlineData("")]
    public void Unknown_or_missing_event_package_gets_489_naming_the_packages(string eventHeader)
    {
        var f = new NotifierFixture();

        var (status, _, headers) = f.Subscribe(eventHeader: eventHeader);

        Assert.Equal(489, status);
        Assert.Equal("message-summary", NotifierFixture.Header(headers, "Allow-Events"));
        Assert.Empty(f.Sent);
    }

    [Fact]
    public void Too_brief_expires_gets_423_with_min_expires_and_too_long_is_shortened()
    {
        var f = new NotifierFixture(new SubscriptionOptions { MinExpires = 60, MaxExpires = 3600 });

        var (brief, _, headers) = f.Subscribe("30");
        var (longer, _, granted) = f.Subscribe("86400");

        Assert.Equal(423, brief);
        Assert.Equal("60", NotifierFixture.Header(headers, "Min-Expires"));
        Assert.Equal(200, longer);
        Assert.Equal("3600", NotifierFixture.Header(granted, "Expires"));
    }

    [Fact]
    public void Missing_expires_takes_the_package_default()
    {
        var f = new NotifierFixture();

        var (_, _, headers) = f.Subscribe(expires: null);

        Assert.Equal("3600", NotifierFixture.Header(headers, "Expires"));
    }

    [Fact]
    public void Unacceptable_accept_header_gets_406()
    {
        var f = new NotifierFixture();

        Assert.Equal(406, f.Subscribe(accept: "application/pidf+xml").Status);
        Assert.Equal(200, f.Subscribe(accept: "application/simple-message-summary, text/plain").Status);
    }

    [Fact]
    public void Someone_elses_mailbox_is_403_and_an_unknown_one_404()
    {
        var f = new NotifierFixture();

        Assert.Equal(403, f.Subscribe(resource: "102").Status);
        Assert.Equal(404, f.Subscribe(resource: "999", subscriber: "999").Status);
        Assert.Empty(f.Sent);
    }

    [Fact]
    public void Refresh_resets_the_expiry_and_sends_the_current_state()
    {
        var f = new NotifierFixture();
        f.Subscribe("600");
        f.Answer(200);
        f.Time.Advance(TimeSpan.FromSeconds(500));

        var (status, _, _) = f.Subscribe("600", toTag: "box1", cseq: 2);
        f.Answer(200);
        f.Time.Advance(TimeSpan.FromSeconds(500));

        Assert.Equal(200, status);
        Assert.Equal(2, f.Sent.Count);
        Assert.Equal("active;expires=600", f.Sent[1].Request.GetHeader("Subscription-State"));
        Assert.Equal(1, f.Notifier.Count);
    }

    [Fact]
    public void Refresh_of_a_dialog_the_notifier_does_not_hold_gets_481()
    {
        var f = new NotifierFixture();

        Assert.Equal(481, f.Subscribe(toTag: "nosuch").Status);
    }

    [Fact]
    public void Out_of_order_refresh_gets_500()
    {
        var f = new NotifierFixture();
        f.Subscribe("600", cseq: 5);

        Assert.Equal(500, f.Subscribe("600", toTag: "box1", cseq: 5).Status);
    }

    [Fact]
    public void Unsubscribe_sends_a_final_terminated_notify_and_forgets_the_subscription()
    {
        var f = new NotifierFixture();
        f.Subscribe("600");
        f.Answer(200);

        var (status, _, headers) = f.Subscribe("0", toTag: "box1", cseq: 2);

        Assert.Equal(200, status);
        Assert.Equal("0", NotifierFixture.Header(headers, "Expires"));
        Assert.Equal("terminated;reason=timeout", f.LastNotify.GetHeader("Subscription-State"));
        Assert.Equal(0, f.Notifier.Count);
        Assert.Equal(481, f.Subscribe("600", toTag: "box1", cseq: 3).Status);
    }

    [Fact]
    public void A_subscription_not_refreshed_expires_with_a_terminated_notify()
    {
        var f = new NotifierFixture();
        f.Subscribe("600");
        f.Answer(200);

        f.Time.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(1, f.Notifier.Count);
        f.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, f.Notifier.Count);
        Assert.Equal(2, f.Sent.Count);
        Assert.Equal("terminated;reason=timeout", f.LastNotify.GetHeader("Subscription-State"));
    }

    [Fact]
    public void Fetch_with_expires_zero_gets_one_terminated_notify_and_keeps_nothing()
    {
        var f = new NotifierFixture();
        f.Package.State["101"] = "Messages-Waiting: yes\r\n";

        Assert.Equal(200, f.Subscribe("0").Status);

        Assert.Equal("terminated;reason=timeout", Assert.Single(f.Sent).Request.GetHeader("Subscription-State"));
        Assert.Equal("Messages-Waiting: yes\r\n", Encoding.UTF8.GetString(f.LastNotify.Body.Span));
        Assert.Equal(0, f.Notifier.Count);
    }

    [Fact]
    public void Notify_over_udp_is_retransmitted_until_answered()
    {
        var f = new NotifierFixture();
        f.Subscribe("600");

        // RFC 3261 17.1.2.2: timer E at T1, then 2*T1 (0.5 s, 1.5 s from the start).
        f.Time.Advance(TimeSpan.FromMilliseconds(500));
        f.Time.Advance(TimeSpan.FromMilliseconds(1000));
        f.Answer(200);
        f.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(3, f.Sender.Count("NOTIFY "));
    }

    [Fact]
    public void A_481_to_notify_removes_the_subscription()
    {
        var f = new NotifierFixture();
        f.Subscribe("600");

        f.Answer(481);

        Assert.Equal(0, f.Notifier.Count);
        Assert.Equal(0, f.Notifier.NotifyChanged("message-summary", "101"));
    }

    [Fact]
    public void A_notify_that_times_out_removes_the_subscription()
    {
        var f = new NotifierFixture();
        f.Subscribe("600");

        f.Time.Advance(TimeSpan.FromSeconds(33));

        Assert.Equal(0, f.Notifier.Count);
    }

    [Fact]
    public void One_notify_in_flight_a_change_meanwhile_is_sent_after_it_with_the_newest_state()
    {
        var f = new NotifierFixture();
        f.Package.State["101"] = "one";
        f.Subscribe("600");

        f.Package.State["101"] = "two";
        f.Notifier.NotifyChanged("message-summary", "101");
        f.Package.State["101"] = "three";
        f.Notifier.NotifyChanged("message-summary", "101");
        Assert.Single(f.Sent);

        f.Answer(200);

        Assert.Equal(2, f.Sent.Count);
        Assert.Equal("three", Encoding.UTF8.GetString(f.LastNotify.Body.Span));
        Assert.True(f.Sent[1].Request.CSeqNumber > f.Sent[0].Request.CSeqNumber);
    }

    [Fact]
    public void A_change_notifies_only_subscribers_of_that_resource()
    {
        var f = new NotifierFixture();
        f.Subscribe("600");
        f.Answer(200);

        Assert.Equal(0, f.Notifier.NotifyChanged("message-summary", "102"));
        Assert.Equal(1, f.Notifier.NotifyChanged("message-summary", "101"));
    }

    [Fact]
    public void Terminate_all_sends_noresource_and_empties_the_table()
    {
        var f = new NotifierFixture();
        f.Subscribe("600");
        f.Answer(200);

        f.Notifier.TerminateAll();

        Assert.Equal("terminated;reason=noresource", f.LastNotify.GetHeader("Subscription-State"));
        Assert.Equal(0, f.Notifier.Count);
    }

    [Fact]
    public void Capacity_is_bounded_with_503()
    {
        var f = new NotifierFixture(new SubscriptionOptions { MaxSubscriptions = 1 });
        f.Subscribe("600");

        var sub2 = f.Subscribe("600", eventHeader: "message-summary;id=2");

        Assert.Equal(503, sub2.Status);
    }

    [Fact]
    public void Unsolicited_notify_is_out_of_dialog_to_the_contact()
    {
        var f = new NotifierFixture();
        f.Package.State["101"] = "Messages-Waiting: yes\r\n";

        Assert.True(f.Notifier.SendUnsolicited("message-summary", "101", "sip:101@127.0.0.1:5071", NotifierFixture.Phone));
        Assert.False(f.Notifier.SendUnsolicited("presence", "101", "sip:101@127.0.0.1:5071", NotifierFixture.Phone));

        var notify = Assert.Single(f.Sent).Request;
        Assert.Equal("sip:101@127.0.0.1:5071", notify.RequestTarget);
        Assert.Null(notify.ToTag);
        Assert.Equal("active", notify.GetHeader("Subscription-State"));
        Assert.Equal("Messages-Waiting: yes\r\n", Encoding.UTF8.GetString(notify.Body.Span));
        f.Answer(481);
        Assert.Equal(0, f.Notifier.Count);
    }
}
