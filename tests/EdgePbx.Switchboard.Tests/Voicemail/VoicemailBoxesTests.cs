using System.Text;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Subscriptions;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Switchboard.Tests.RealPeers;
using EdgePbx.Switchboard.Tests.Support;
using EdgePbx.Switchboard.Voicemail;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Switchboard.Tests.Voicemail;

/// <summary>Mailboxes over a real SQLite index in a temporary data folder; NOTIFYs captured from the real notifier.</summary>
public sealed class VoicemailBoxesTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("vmbox-").FullName;
    private readonly PbxDatabase _database;
    private readonly InMemoryBindingStore _bindings = new();
    private readonly ActivePlan _plan = new();
    private readonly CapturingClient _client = new();
    private readonly VoicemailBoxes _boxes;
    private readonly EventNotifier _notifier;

    public VoicemailBoxesTests()
    {
        _database = PbxDatabase.Open(_data, TimeProvider.System);
        var plan = _plan;
        plan.Swap(new PlanSnapshot(VoicemailTests.VoicemailPlan(), 1, "test", "0", DateTimeOffset.UtcNow));
        _boxes = new VoicemailBoxes(new VoicemailOptions { Directory = Path.Combine(_data, "voicemail"), UnsolicitedNotify = true },
            new VoicemailIndex(_database), plan, "pbx.test", (_, pin) => pin == "4321", _bindings, TimeProvider.System, NullLogger.Instance);
        _notifier = new EventNotifier(new SubscriptionOptions(), _client, TimeProvider.System, NullLogger.Instance, () => "127.0.0.1:5060");
        _boxes.AttachNotifier(_notifier);
    }

    public void Dispose()
    {
        _notifier.Dispose();
        _database.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private async Task<VoicemailMessage> DepositAsync()
    {
        var (file, name, error) = _boxes.CreateMessageFile("101");
        Assert.Null(error);
        file!.Dispose();
        Assert.True(await _boxes.AddMessageAsync("101", "13912345678", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(3), name));
        return _boxes.Messages("101").Single(m => m.FileName == name);
    }

    [Fact]
    public async Task Counts_follow_deposit_save_and_delete()
    {
        var first = await DepositAsync();
        await DepositAsync();
        Assert.Equal(new MailboxCounts(2, 0), _boxes.Counts("101"));

        await _boxes.SaveAsync(first);
        Assert.Equal(new MailboxCounts(1, 1), _boxes.Counts("101"));
        Assert.Equal("Messages-Waiting: yes\r\nMessage-Account: sip:101@pbx.test\r\nVoice-Message: 1/1\r\n", _boxes.Summary("101").Write());

        await _boxes.DeleteAsync(first);
        Assert.Equal(new MailboxCounts(1, 0), _boxes.Counts("101"));
        Assert.False(File.Exists(_boxes.PathOf(first)));
    }

    [Fact]
    public async Task Registered_contacts_without_a_subscription_get_an_unsolicited_notify_on_each_change()
    {
        _bindings.Upsert(new SipBinding("sip:101@pbx.test", "sip:101@127.0.0.1:5077", "reg", 1, DateTimeOffset.UtcNow.AddHours(1), null, "UDP:127.0.0.1:5077", "phone"));
        _bindings.Upsert(new SipBinding("sip:101@pbx.test", "sip:101@127.0.0.1:5078", "reg2", 1, DateTimeOffset.UtcNow.AddHours(-1), null, "UDP:127.0.0.1:5078", "expired"));

        await DepositAsync();

        var notify = Assert.Single(_client.Sent);
        Assert.Equal("sip:101@127.0.0.1:5077", notify.Request.RequestTarget);
        Assert.Equal(5077, notify.Target.EndPoint.Port);
        Assert.Equal("message-summary", notify.Request.GetHeader("Event"));
        Assert.Contains("Voice-Message: 1/0", Encoding.UTF8.GetString(notify.Request.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploaded_greetings_must_be_playable_wav_and_replace_the_old_one()
    {
        var good = Path.Combine(_data, "good.wav");
        TestWav.Write(good, TestWav.Sine(500, 300));
        await using (var stream = File.OpenRead(good))
        {
            Assert.Null(await _boxes.UploadGreetingAsync("101", GreetingKind.Busy, stream));
        }

        Assert.NotNull(_boxes.LoadGreeting("101", GreetingKind.Busy, EdgePbx.Media.Sdp.AudioCodec.Pcmu));
        Assert.Null(_boxes.LoadGreeting("101", GreetingKind.Unavailable, EdgePbx.Media.Sdp.AudioCodec.Pcmu));
        Assert.Contains("not a WAV", await _boxes.UploadGreetingAsync("101", GreetingKind.Busy, new MemoryStream("hello"u8.ToArray())), StringComparison.Ordinal);
        Assert.Contains("no voicemail box", await _boxes.UploadGreetingAsync("102", GreetingKind.Busy, new MemoryStream()), StringComparison.Ordinal);
        Assert.Contains("no voicemail box", await _boxes.UploadGreetingAsync("../etc", GreetingKind.Busy, new MemoryStream()), StringComparison.Ordinal);
        Assert.NotNull(_boxes.LoadGreeting("101", GreetingKind.Busy, EdgePbx.Media.Sdp.AudioCodec.Pcmu));
        Assert.True(_boxes.DeleteGreeting("101", GreetingKind.Busy));
        Assert.False(_boxes.DeleteGreeting("101", GreetingKind.Busy));
    }

    [Fact]
    public void An_unwritable_folder_is_an_error_value()
    {
        var blocked = Path.Combine(_data, "blocked");
        File.WriteAllText(blocked, "not a folder");
        var plan = _plan;
        plan.Swap(new PlanSnapshot(VoicemailTests.VoicemailPlan(), 1, "test", "0", DateTimeOffset.UtcNow));
        var boxes = new VoicemailBoxes(new VoicemailOptions { Directory = blocked }, new VoicemailIndex(_database), plan, "pbx.test", (_, _) => false, _bindings, TimeProvider.System, NullLogger.Instance);

        var (file, _, error) = boxes.CreateMessageFile("101");

        Assert.Null(file);
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Equal((null, string.Empty), (boxes.CreateMessageFile("../x").Stream, boxes.CreateMessageFile("../x").FileName));
    }

    [Fact]
    public void Only_the_owner_may_subscribe_to_a_box_that_exists()
    {
        var package = new MessageSummaryPackage(_boxes);

        Assert.Equal(SubscriptionAuthorization.Allowed, package.Authorize("101", "101"));
        Assert.Equal(SubscriptionAuthorization.Forbidden, package.Authorize("102", "101"));
        Assert.Equal(SubscriptionAuthorization.NotFound, package.Authorize("102", "102"));
    }

    [Fact]
    public void A_hunt_group_with_voicemail_has_a_box_its_member_extensions_may_watch()
    {
        var plan = VoicemailTests.VoicemailPlan() with
        {
            Groups = new Dictionary<string, EdgePbx.Routing.Model.HuntGroup>
            {
                ["sales"] = new([new("ext:102"), new("ext:103")], "Sales", Overflow: "voicemail:sales", Voicemail: true),
                ["support"] = new([new("ext:102")], "Support"),
            },
        };
        _plan.Swap(new PlanSnapshot(plan, 2, "test", "1", DateTimeOffset.UtcNow));
        var package = new MessageSummaryPackage(_boxes);

        Assert.True(_boxes.HasBox("sales"));
        Assert.False(_boxes.HasBox("support"));
        Assert.Equal(SubscriptionAuthorization.Allowed, package.Authorize("102", "sales"));
        Assert.Equal(SubscriptionAuthorization.Forbidden, package.Authorize("101", "sales"));
        Assert.Equal(SubscriptionAuthorization.NotFound, package.Authorize("102", "support"));
        Assert.Equal("Messages-Waiting: no\r\nMessage-Account: sip:sales@pbx.test\r\nVoice-Message: 0/0\r\n", _boxes.Summary("sales").Write());
    }

    private sealed class CapturingClient : ISipClient, ISipSender
    {
        public List<(SipMessage Request, SipPeer Target)> Sent { get; } = [];

        public SipTransaction SendRequest(SipMessage request, SipPeer target, ITransactionUser user)
        {
            Sent.Add((request, target));
            return new ClientNonInviteTransaction(request, target, this, user, TimeProvider.System, TransactionTimers.Default);
        }

        public bool Send(ReadOnlyMemory<byte> data, SipPeer target) => true;
    }
}
