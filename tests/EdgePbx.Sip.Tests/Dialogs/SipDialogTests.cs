using EdgePbx.Sip.Dialogs;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Tests.Dialogs;

/// <summary>RFC 3261 section 12.</summary>
public sealed class SipDialogTests
{
    private static SipMessage Invite(string contact = "<sip:alice@pc33.atlanta.example.com>", params string[] recordRoutes)
    {
        var b = SipMessageBuilder.Request("INVITE", "sip:bob@biloxi.example.com")
            .Add("Via", "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8")
            .Add("From", "Alice <sip:alice@atlanta.example.com>;tag=1928301774")
            .Add("To", "Bob <sip:bob@biloxi.example.com>")
            .Add("Call-ID", "a84b4c76e66710")
            .Add("CSeq", "314159 INVITE")
            .Add("Contact", contact);
        foreach (var r in recordRoutes)
        {
            b.Add("Record-Route", r);
        }

        return b.Build();
    }

    private static SipMessage Response(SipMessage invite, int code, string contact, params string[] recordRoutes)
    {
        var b = SipMessageBuilder.ResponseTo(invite, code, "x", "a6c85cf").Add("Contact", contact);
        foreach (var r in recordRoutes)
        {
            b.Add("Record-Route", r);
        }

        return b.Build();
    }

    private static SipMessage InDialog(string method, long cseq, string contact = "<sip:alice@pc33.atlanta.example.com>") =>
        SipMessageBuilder.Request(method, "sip:bob@192.0.2.4")
            .Add("Via", "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK" + cseq)
            .Add("From", "<sip:alice@atlanta.example.com>;tag=1928301774")
            .Add("To", "<sip:bob@biloxi.example.com>;tag=a6c85cf")
            .Add("Call-ID", "a84b4c76e66710")
            .Add("CSeq", $"{cseq} {method}")
            .Add("Contact", contact)
            .Build();

    [Fact]
    public void Uas_dialog_takes_record_route_in_order_contact_as_target_and_remote_cseq()
    {
        var d = SipDialog.ForUas(Invite("<sip:alice@pc33.atlanta.example.com>", "<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"), "a6c85cf", confirmed: true)!;
        Assert.Equal(new DialogId("a84b4c76e66710", "a6c85cf", "1928301774"), d.Id);
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], d.RouteSet);
        Assert.Equal("sip:alice@pc33.atlanta.example.com", d.RemoteTarget);
        Assert.Equal(314159, d.RemoteSeq);
        Assert.Equal(DialogState.Confirmed, d.State);
    }

    [Fact]
    public void Uac_dialog_reverses_the_record_route_of_the_response()
    {
        var invite = Invite();
        var d = SipDialog.ForUac(invite, Response(invite, 200, "<sip:bob@192.0.2.4>", "<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"))!;
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], d.RouteSet);
        Assert.Equal("sip:bob@192.0.2.4", d.RemoteTarget);
        Assert.Equal(new DialogId("a84b4c76e66710", "1928301774", "a6c85cf"), d.Id);
        Assert.Equal(314159, d.LocalSeq);
    }

    [Fact]
    public void A_forked_2xx_makes_the_dialog_the_invite_would_have_made_from_the_first_dialog_alone()
    {
        // RFC 3261 13.2.2.4: each 2xx of a forked INVITE is its own dialog, to be ACKed (and here hung up). Built
        // from the first dialog after a BYE moved its CSeq on: the INVITE's CSeq, the fork's tag, Contact and route.
        var invite = Invite();
        var first = SipDialog.ForUac(invite, Response(invite, 200, "<sip:bob@192.0.2.4>"))!;
        _ = first.CreateRequest("BYE", "pc33.atlanta.example.com", "UDP");
        var forkBytes = SipMessageBuilder.ResponseTo(invite, 200, "OK", "f0rk").Add("Contact", "<sip:bob@192.0.2.9>").Add("Record-Route", "<sip:p3.example.com;lr>").ToBytes();
        var fork = SipParser.Parse(forkBytes).Message!;

        var fromDialog = first.ForkFor(fork, invite.CSeqNumber)!;
        var fromInvite = SipDialog.ForUac(invite, fork)!;

        Assert.Equal(new DialogId("a84b4c76e66710", "1928301774", "f0rk"), fromDialog.Id);
        Assert.Equal(
            (fromInvite.Id, fromInvite.LocalUri, fromInvite.RemoteUri, fromInvite.RemoteTarget, fromInvite.LocalSeq, fromInvite.State),
            (fromDialog.Id, fromDialog.LocalUri, fromDialog.RemoteUri, fromDialog.RemoteTarget, fromDialog.LocalSeq, fromDialog.State));
        Assert.Equal(fromInvite.RouteSet, fromDialog.RouteSet);
        Assert.Equal(314159, fromDialog.LocalSeq);
        Assert.Null(first.ForkFor(SipParser.Parse(SipMessageBuilder.ResponseTo(invite, 200, "OK", "n0contact").ToBytes()).Message!, invite.CSeqNumber));
    }

    [Fact]
    public void Provisional_with_to_tag_creates_an_early_dialog_that_a_2xx_confirms()
    {
        var invite = Invite();
        var d = SipDialog.ForUac(invite, Response(invite, 180, "<sip:bob@192.0.2.4>"))!;
        Assert.Equal(DialogState.Early, d.State);
        d.OnResponse(Response(invite, 200, "<sip:bob@192.0.2.9>"));
        Assert.Equal(DialogState.Confirmed, d.State);
        Assert.Equal("sip:bob@192.0.2.9", d.RemoteTarget);
    }

    [Fact]
    public void Failure_ends_an_early_dialog()
    {
        var invite = Invite();
        var d = SipDialog.ForUac(invite, Response(invite, 180, "<sip:bob@192.0.2.4>"))!;
        d.OnResponse(Response(invite, 486, "<sip:bob@192.0.2.4>"));
        Assert.Equal(DialogState.Terminated, d.State);
    }

    [Fact]
    public void In_dialog_request_uses_remote_target_loose_routes_tags_and_next_cseq()
    {
        var invite = Invite();
        var d = SipDialog.ForUac(invite, Response(invite, 200, "<sip:bob@192.0.2.4>", "<sip:p1.example.com;lr>"))!;
        var bye = d.CreateRequest("BYE", "192.0.2.1:5060").Build();
        Assert.Equal("sip:bob@192.0.2.4", bye.RequestTarget);
        Assert.Equal("<sip:p1.example.com;lr>", bye.GetHeader(HeaderKind.Route));
        Assert.Equal("1928301774", bye.FromTag);
        Assert.Equal("a6c85cf", bye.ToTag);
        Assert.Equal(new CSeqHeader(314160, "BYE"), bye.CSeq);
    }

    [Fact]
    public void Strict_first_route_becomes_the_request_uri_and_remote_target_goes_last()
    {
        var invite = Invite();
        var d = SipDialog.ForUac(invite, Response(invite, 200, "<sip:bob@192.0.2.4>", "<sip:strict.example.com>"))!;
        var info = d.CreateRequest("INFO", "192.0.2.1:5060").Build();
        Assert.Equal("sip:strict.example.com", info.RequestTarget);
        Assert.Equal(["<sip:bob@192.0.2.4>"], info.GetHeaderValues(HeaderKind.Route));
    }

    [Fact]
    public void Strict_first_route_leaves_the_other_routes_in_order_before_the_remote_target()
    {
        var invite = Invite();
        var d = SipDialog.ForUac(invite, Response(invite, 200, "<sip:bob@192.0.2.4>", "<sip:p3.example.com;lr>", "<sip:p2.example.com;lr>", "<sip:strict.example.com>"))!;
        var bye = d.CreateRequest("BYE", "192.0.2.1:5060").Build();
        Assert.Equal("sip:strict.example.com", bye.RequestTarget);
        Assert.Equal(["<sip:p2.example.com;lr>", "<sip:p3.example.com;lr>", "<sip:bob@192.0.2.4>"], bye.GetHeaderValues(HeaderKind.Route));
        Assert.Equal(["<sip:strict.example.com>", "<sip:p2.example.com;lr>", "<sip:p3.example.com;lr>"], d.RouteSet);
    }

    [Fact]
    public void Ack_for_2xx_keeps_the_invite_cseq_number_and_does_not_advance_local_cseq()
    {
        var invite = Invite();
        var d = SipDialog.ForUac(invite, Response(invite, 200, "<sip:bob@192.0.2.4>"))!;
        var ack = d.CreateAck(314159, "192.0.2.1:5060").Build();
        Assert.Equal(new CSeqHeader(314159, "ACK"), ack.CSeq);
        Assert.Equal(314159, d.LocalSeq);
    }

    [Fact]
    public void Remote_request_with_lower_or_equal_cseq_is_out_of_order()
    {
        var d = SipDialog.ForUas(Invite(), "a6c85cf", confirmed: true)!;
        Assert.Equal("CSeq out of order", d.OnRequest(InDialog("INFO", 314159)));
        Assert.Null(d.OnRequest(InDialog("INFO", 314160)));
        Assert.Equal(314160, d.RemoteSeq);
    }

    [Fact]
    public void Reinvite_refreshes_the_remote_target()
    {
        var d = SipDialog.ForUas(Invite(), "a6c85cf", confirmed: true)!;
        d.OnRequest(InDialog("INVITE", 314160, "<sip:alice@192.0.2.77>"));
        Assert.Equal("sip:alice@192.0.2.77", d.RemoteTarget);
    }

    [Fact]
    public void Bye_terminates_the_dialog()
    {
        var d = SipDialog.ForUas(Invite(), "a6c85cf", confirmed: true)!;
        d.OnRequest(InDialog("BYE", 314160));
        Assert.Equal(DialogState.Terminated, d.State);
    }

    [Fact]
    public void Dialog_set_finds_a_dialog_from_a_peer_request()
    {
        var set = new DialogSet();
        var d = SipDialog.ForUas(Invite(), "a6c85cf", confirmed: true)!;
        set.Add(d);
        Assert.Same(d, set.FindForRequest(InDialog("BYE", 314160)));
        Assert.Null(set.FindForResponse(InDialog("BYE", 314160)));
    }

    [Fact]
    public void Invite_without_contact_makes_no_dialog()
    {
        var noContact = SipMessageBuilder.Request("INVITE", "sip:bob@b").Add("Via", "SIP/2.0/UDP a;branch=z9hG4bK1")
            .Add("From", "<sip:a@a>;tag=1").Add("To", "<sip:b@b>").Add("Call-ID", "c").Add("CSeq", "1 INVITE").Build();
        Assert.Null(SipDialog.ForUas(noContact, "t", confirmed: false));
    }
}
