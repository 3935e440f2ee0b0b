using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Registration;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Sip.Tests.Registration;

/// <summary>RFC 3261 10.3.</summary>
public sealed class RegistrarTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryBindingStore _store = new();
    private readonly Registrar _registrar;

    public RegistrarTests()
    {
        _registrar = new Registrar(new RegistrarOptions(), _store, _time);
    }

    private static SipMessage Register(int cseq, string callId = "reg-1", string? expires = null, params string[] contacts)
    {
        var b = SipMessageBuilder.Request("REGISTER", "sip:edgepbx")
            .Add("Via", "SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK" + cseq)
            .Add("From", "<sip:101@edgepbx>;tag=1")
            .Add("To", "<sip:101@edgepbx>")
            .Add("Call-ID", callId)
            .Add("CSeq", $"{cseq} REGISTER");
        foreach (var c in contacts)
        {
            b.Add("Contact", c);
        }

        if (expires is not null)
        {
            b.Add("Expires", expires);
        }

        return b.Build();
    }

    private RegistrarResult Do(SipMessage m) => _registrar.Register(m, "101", "udp:192.0.2.10:5060");

    [Fact]
    public void Register_adds_a_binding_and_200_lists_it_with_expires()
    {
        var r = Do(Register(1, expires: "300", contacts: "<sip:101@192.0.2.10:5060>"));
        Assert.Equal(200, r.StatusCode);
        Assert.Contains(r.Headers, h => h.Key == "Contact" && h.Value == "<sip:101@192.0.2.10:5060>;expires=300");
        Assert.Single(_registrar.Lookup("sip:101@edgepbx"));
    }

    [Fact]
    public void New_contact_is_a_change_and_its_refresh_is_not()
    {
        Assert.True(Do(Register(1, expires: "300", contacts: "<sip:101@192.0.2.10:5060>")).ContactsChanged);
        Assert.False(Do(Register(2, expires: "300", contacts: "<sip:101@192.0.2.10:5060>")).ContactsChanged);
        // A new Call-ID from the same place (sipp, a phone restarting its registration) is still a refresh of the contact.
        Assert.False(Do(Register(1, callId: "reg-2", expires: "300", contacts: "<sip:101@192.0.2.10:5060>")).ContactsChanged);
    }

    [Fact]
    public void Contact_registered_from_another_address_or_after_expiry_is_a_change()
    {
        Do(Register(1, expires: "300", contacts: "<sip:101@192.0.2.10:5060>"));
        Assert.True(_registrar.Register(Register(2, expires: "300", contacts: "<sip:101@192.0.2.10:5060>"), "101", "udp:198.51.100.7:4000").ContactsChanged);
        _time.Advance(TimeSpan.FromSeconds(301));
        Assert.True(_registrar.Register(Register(3, expires: "300", contacts: "<sip:101@192.0.2.10:5060>"), "101", "udp:198.51.100.7:4000").ContactsChanged);
    }

    [Fact]
    public void Removal_is_a_change_only_when_something_was_bound()
    {
        Assert.False(Do(Register(1, expires: "0", contacts: "<sip:101@192.0.2.10:5060>")).ContactsChanged);
        Do(Register(2, expires: "300", contacts: "<sip:101@192.0.2.10:5060>"));
        Assert.True(Do(Register(3, expires: "0", contacts: "<sip:101@192.0.2.10:5060>")).ContactsChanged);
        Do(Register(4, expires: "300", contacts: "<sip:101@192.0.2.10:5060>"));
        Assert.True(Do(Register(5, expires: "0", contacts: "*")).ContactsChanged);
        Assert.False(Do(Register(6, expires: "0", contacts: "*")).ContactsChanged);
    }

    [Fact]
    public void Several_contacts_per_address_of_record_are_kept()
    {
        Do(Register(1, contacts: "<sip:101@192.0.2.10>"));
        Do(Register(1, callId: "reg-2", contacts: "<sip:101@192.0.2.11>;q=0.5"));
        Assert.Equal(["sip:101@192.0.2.10", "sip:101@192.0.2.11"], _registrar.Lookup("sip:101@edgepbx").Select(b => b.ContactUri));
    }

    [Fact]
    public void Expires_below_minimum_gets_423_with_min_expires()
    {
        var r = Do(Register(1, expires: "30", contacts: "<sip:101@192.0.2.10>"));
        Assert.Equal(423, r.StatusCode);
        Assert.Contains(r.Headers, h => h.Key == "Min-Expires" && h.Value == "60");
        Assert.Empty(_registrar.Lookup("sip:101@edgepbx"));
    }

    [Fact]
    public void Contact_expires_parameter_overrides_the_expires_header_and_is_capped()
    {
        var r = Do(Register(1, expires: "300", contacts: "<sip:101@192.0.2.10>;expires=99999"));
        Assert.Contains(r.Headers, h => h.Value == "<sip:101@192.0.2.10>;expires=3600");
    }

    [Fact]
    public void Expires_zero_removes_the_binding()
    {
        Do(Register(1, contacts: "<sip:101@192.0.2.10>"));
        Do(Register(2, expires: "0", contacts: "<sip:101@192.0.2.10>"));
        Assert.Empty(_registrar.Lookup("sip:101@edgepbx"));
    }

    [Fact]
    public void Wildcard_with_expires_zero_removes_all_bindings()
    {
        Do(Register(1, contacts: "<sip:101@192.0.2.10>"));
        Do(Register(1, callId: "other", contacts: "<sip:101@192.0.2.11>"));
        var r = Do(Register(5, callId: "wipe", expires: "0", contacts: "*"));
        Assert.Equal(200, r.StatusCode);
        Assert.Empty(_registrar.Lookup("sip:101@edgepbx"));
    }

    [Fact]
    public void Wildcard_without_expires_zero_is_400()
    {
        Assert.Equal(400, Do(Register(1, expires: "60", contacts: "*")).StatusCode);
    }

    [Fact]
    public void Out_of_order_cseq_on_the_same_call_id_is_refused()
    {
        Do(Register(5, contacts: "<sip:101@192.0.2.10>"));
        Assert.Equal(500, Do(Register(4, contacts: "<sip:101@192.0.2.10>")).StatusCode);
    }

    [Fact]
    public void Binding_disappears_when_it_expires()
    {
        Do(Register(1, expires: "60", contacts: "<sip:101@192.0.2.10>"));
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Empty(_registrar.Lookup("sip:101@edgepbx"));
    }

    [Fact]
    public void Register_without_contact_is_a_query_listing_bindings()
    {
        Do(Register(1, contacts: "<sip:101@192.0.2.10>"));
        var r = Do(Register(2));
        Assert.Equal(200, r.StatusCode);
        Assert.Single(r.Headers, h => h.Key == "Contact");
    }

    [Fact]
    public void Registering_someone_elses_address_of_record_is_forbidden()
    {
        var r = _registrar.Register(Register(1, contacts: "<sip:101@192.0.2.10>"), "102", "udp:x");
        Assert.Equal(403, r.StatusCode);
    }
}
