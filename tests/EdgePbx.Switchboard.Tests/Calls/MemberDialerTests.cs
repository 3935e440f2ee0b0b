using System.Net;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Transport;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Legs;
using EdgePbx.Switchboard.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Calls;

public sealed class MemberDialerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryBindingStore _bindings = new();

    private CallEngineOptions Options(TrunkOptions? trunk = null) => new()
    {
        Domain = "PBX.test",
        ExtraDomains = ["192.0.2.10"],
        SipSentBy = "192.0.2.10:5060",
        MediaAddress = "192.0.2.10",
        Trunk = trunk,
    };

    private void Bind(string aor, string contact, string source, TimeSpan expiresIn) =>
        _bindings.Upsert(new SipBinding(aor, contact, "c", 1, _time.GetUtcNow() + expiresIn, null, source, null));

    [Fact]
    public void An_extension_forks_to_its_unexpired_contacts_under_every_domain_keyed_like_the_registrar()
    {
        Bind("sip:101@pbx.test", "sip:101@198.51.100.7:5062", "UDP:198.51.100.7:5062", TimeSpan.FromMinutes(5));
        Bind("sip:101@192.0.2.10", "sip:101@198.51.100.8:5060", "UDP:198.51.100.8:5060", TimeSpan.FromMinutes(5));
        Bind("sip:101@pbx.test", "sip:101@198.51.100.9:5060", "UDP:198.51.100.9:5060", TimeSpan.FromSeconds(-1));
        var dialer = new MemberDialer(Options(), _bindings, _time);

        var legs = dialer.Resolve("ext:101", "13912345678", "13912345678");
        Assert.Equal(["sip:101@198.51.100.7:5062", "sip:101@198.51.100.8:5060"], legs.Select(l => l.Invite.RequestUri).Order());
        Assert.All(legs, l => Assert.Equal(("101", LegKind.HuntAttempt), (l.Extension, l.Kind)));
        Assert.All(legs, l => Assert.Equal("<sip:101@PBX.test>", l.Invite.To));
        Assert.All(legs, l => Assert.Null(l.Invite.PAssertedIdentity));
    }

    [Fact]
    public void Contacts_are_rung_highest_q_first_and_one_without_q_counts_as_1()
    {
        void BindQ(string aor, string contact, double? q) =>
            _bindings.Upsert(new SipBinding(aor, contact, "c", 1, _time.GetUtcNow() + TimeSpan.FromMinutes(5), q, "UDP:198.51.100.30:5060", null));
        BindQ("sip:105@pbx.test", "sip:105@198.51.100.31:5060", 0.5);
        BindQ("sip:105@192.0.2.10", "sip:105@198.51.100.32:5060", 0.9);
        BindQ("sip:105@pbx.test", "sip:105@198.51.100.33:5060", null);
        var dialer = new MemberDialer(Options(), _bindings, _time);

        Assert.Equal(
            ["sip:105@198.51.100.33:5060", "sip:105@198.51.100.32:5060", "sip:105@198.51.100.31:5060"],
            dialer.ContactsOf("105").Select(b => b.ContactUri));
    }

    [Fact]
    public void A_phone_behind_nat_is_reached_where_its_register_came_from_and_one_on_the_open_net_at_its_contact()
    {
        Bind("sip:102@pbx.test", "sip:102@10.0.0.5:5060", "UDP:203.0.113.9:40123", TimeSpan.FromMinutes(5));
        Bind("sip:103@pbx.test", "sip:103@203.0.113.10:5070", "UDP:203.0.113.10:40999", TimeSpan.FromMinutes(5));
        var dialer = new MemberDialer(Options(), _bindings, _time);

        Assert.Equal(new SipPeer(SipTransportKind.Udp, IPEndPoint.Parse("203.0.113.9:40123")), Assert.Single(dialer.Resolve("ext:102", "1", "1")).Peer);
        Assert.Equal(new SipPeer(SipTransportKind.Udp, IPEndPoint.Parse("203.0.113.10:5070")), Assert.Single(dialer.Resolve("ext:103", "1", "1")).Peer);
    }

    [Fact]
    public void A_contact_that_stopped_answering_options_is_not_rung_and_the_others_are()
    {
        Bind("sip:104@pbx.test", "sip:104@198.51.100.20:5060", "UDP:198.51.100.20:5060", TimeSpan.FromMinutes(5));
        Bind("sip:104@pbx.test", "sip:104@198.51.100.21:5060", "UDP:198.51.100.21:5060", TimeSpan.FromMinutes(5));
        var dialer = new MemberDialer(Options(), _bindings, _time, b => !b.ContactUri.Contains("198.51.100.21", StringComparison.Ordinal));

        Assert.Equal("sip:104@198.51.100.20:5060", Assert.Single(dialer.Resolve("ext:104", "1", "1")).Invite.RequestUri);
        Assert.Empty(new MemberDialer(Options(), _bindings, _time, _ => false).Resolve("ext:104", "1", "1"));
    }

    [Theory]
    [InlineData(CallerIdMode.PAssertedIdentity, "<sip:4001@carrier.example>", "<sip:13912345678@carrier.example>")]
    [InlineData(CallerIdMode.From, "<sip:13912345678@carrier.example>", null)]
    public void External_numbers_go_through_the_trunk_with_the_caller_shown_as_configured(CallerIdMode mode, string from, string? pai)
    {
        var trunk = new TrunkOptions
        {
            Target = new SipPeer(SipTransportKind.Udp, IPEndPoint.Parse("198.51.100.1:5060")),
            Host = "carrier.example",
            FromDomain = "carrier.example",
            Account = "4001",
            CallerId = mode,
        };
        var leg = Assert.Single(new MemberDialer(Options(trunk), _bindings, _time).Resolve("external:13800138000", "13912345678", "13912345678"));
        Assert.Equal(("sip:13800138000@carrier.example", from, pai, LegKind.Forward), (leg.Invite.RequestUri, leg.Invite.From, leg.Invite.PAssertedIdentity, leg.Kind));
        Assert.Equal(trunk.Target, leg.Peer);
        Assert.Null(leg.Extension);
    }

    [Fact]
    public void Without_a_trunk_an_external_member_cannot_be_reached()
    {
        Assert.Empty(new MemberDialer(Options(), _bindings, _time).Resolve("external:13800138000", "1", "1"));
    }
}
