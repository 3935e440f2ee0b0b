using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EdgePbx.Storage.Accounts;
using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Phones;
using EdgePbx.Storage.Plans;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Subscriptions;
using EdgePbx.Switchboard.Voicemail;
using Microsoft.Extensions.Logging.Abstractions;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Web.Tests.Support;

/// <summary>
/// The installer web on a real loopback Kestrel, wired the way the daemon wires it (TimeProvider, PbxDatabase
/// in a temporary data directory, ActivePlan, PlanActivation, PhoneAccountStore, then AddInstallerWeb), with a
/// cookie-keeping client.
/// </summary>
public sealed partial class WebShellHost : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    /// <summary>The trunk's registration password in the test settings file: it must never reach a page.</summary>
    public const string TrunkPassword = "Carrier-Secret-9z";

    /// <summary>The daemon's settings file the System page edits, as an installer's box would have it.</summary>
    public const string SettingsJson = """
        {
          // A box on a small office network with an IP-registered carrier trunk.
          "dataDir": ".",
          "sip": { "listen": "192.0.2.10:5060", "domain": "pbx.example.cn" },
          "web": { "listen": "192.0.2.10:8080" },
          "trunk": { "target": "203.0.113.10:5060", "domain": "sip.carrier.example", "account": "4006123456", "username": "4006123456", "password": "Carrier-Secret-9z" },
          "voicemail": { "accessNumber": "*97" },
          "logLevel": "Information"
        }
        """;

    private readonly WebApplication _app;
    private readonly string _dataDir;

    private WebShellHost(WebApplication app, FakeTimeProvider time, MemoryAccounts? accounts, string dataDir, EdgePbx.Hardware.Panel.FrontPanel panel)
    {
        _app = app;
        Panel = panel;
        _dataDir = dataDir;
        Time = time;
        MemoryAccounts = accounts;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; }

    /// <summary>The simulated front panel behind /api/panel.</summary>
    public EdgePbx.Hardware.Panel.FrontPanel Panel { get; }

    private MemoryAccounts? MemoryAccounts { get; }

    public IInstallerAccounts Accounts => _app.Services.GetRequiredService<IInstallerAccounts>();

    public IServiceProvider Services => _app.Services;

    public PbxDatabase Database => _app.Services.GetRequiredService<PbxDatabase>();

    public PhoneAccountStore Phones => _app.Services.GetRequiredService<PhoneAccountStore>();

    public ActivePlan Plan => _app.Services.GetRequiredService<ActivePlan>();

    public AuditLog Audit => _app.Services.GetRequiredService<AuditLog>();

    public VoicemailBoxes Mailboxes => _app.Services.GetRequiredService<VoicemailBoxes>();

    /// <summary>Registrations of the test box's phones (the mailboxes send unsolicited NOTIFYs to them).</summary>
    public InMemoryBindingStore Bindings => _app.Services.GetRequiredService<InMemoryBindingStore>();

    /// <summary>Every SIP request the box sent (NOTIFYs), kept instead of sent.</summary>
    public CapturingSipClient Sip => _app.Services.GetRequiredService<CapturingSipClient>();

    public Uri BaseAddress { get; }

    /// <summary>The data folder (database, prompts/, voicemail/), which also holds the settings file.</summary>
    public string DataDir => _dataDir;

    public string SettingsFile => Path.Combine(_dataDir, "settings.json");

    public FakeBoxControl BoxControl => (FakeBoxControl)_app.Services.GetRequiredService<EdgePbx.Web.Box.IBoxControl>();

    public RecordingPromptListener PromptListener => (RecordingPromptListener)_app.Services.GetServices<EdgePbx.Web.Prompts.IPromptChangeListener>().Single();

    /// <param name="plan">The plan loaded at start (revision 1), or null for a box without a plan.</param>
    /// <param name="storedAccounts">Log in against the real AccountStore (PBKDF2 in SQLite) instead of the in-memory fake.</param>
    public static async Task<WebShellHost> StartAsync(string? plan = TestPlans.Demo, bool storedAccounts = false, EdgePbx.Web.Status.IPbxStatusSource? status = null)
    {
        var time = new FakeTimeProvider(Start);
        var dataDir = Path.Combine(Path.GetTempPath(), "edgepbx-web-" + Guid.NewGuid().ToString("N"));
        var database = PbxDatabase.Open(dataDir, time);
        var active = new ActivePlan();
        var activation = new PlanActivation(active, new PlanHistory(database), time);
        var accounts = storedAccounts ? null : new MemoryAccounts();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // As the daemon does: one line per HTTP request would drown the recent-log view.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(active);
        builder.Services.AddSingleton(activation);
        var phones = new PhoneAccountStore(database);
        builder.Services.AddSingleton(phones);
        // The engine's mailboxes as the daemon wires them, with phones that take unsolicited MWI and a notifier
        // whose NOTIFYs are kept by the test instead of sent.
        var sip = new CapturingSipClient();
        var bindings = new InMemoryBindingStore();
        var mailboxes = new VoicemailBoxes(new VoicemailOptions { Directory = Path.Combine(dataDir, "voicemail"), UnsolicitedNotify = true },
            new VoicemailIndex(database), active, "pbx.example.cn", phones.VerifyVoicemailPin, bindings, time, NullLogger.Instance);
        var notifier = new EventNotifier(new SubscriptionOptions(), sip, time, NullLogger.Instance, () => "127.0.0.1:5060");
        mailboxes.AttachNotifier(notifier);
        builder.Services.AddSingleton(mailboxes);
        builder.Services.AddSingleton(bindings);
        builder.Services.AddSingleton(sip);
        builder.Services.AddSingleton(notifier);
        // The default 600,000 PBKDF2 iterations cost a second per hash on the shared test machine.
        builder.Services.AddSingleton(new PasswordHasher(100_000));
        if (accounts is not null)
        {
            builder.Services.AddSingleton<IInstallerAccounts>(accounts);
        }
        if (status is not null)
        {
            builder.Services.AddSingleton(status);
        }
        builder.Services.AddSingleton<EdgePbx.Web.Box.IBoxControl>(new FakeBoxControl());
        var settingsFile = Path.Combine(dataDir, "settings.json");
        await File.WriteAllTextAsync(settingsFile, SettingsJson);
        var settings = EdgePbx.Daemon.Configuration.SettingsLoader.Load(new EdgePbx.Daemon.Configuration.CommandLineOverrides(ConfigFile: settingsFile));
        builder.Services.AddSingleton<EdgePbx.Web.Box.IBoxSettings>(new EdgePbx.Daemon.Web.DaemonBoxSettings(settings.Settings ?? throw new InvalidOperationException(settings.Error)));
        builder.Services.AddSingleton<EdgePbx.Web.Prompts.IPromptChangeListener>(new RecordingPromptListener());
        builder.Services.AddInstallerWeb();
        var app = builder.Build();
        app.UseInstallerWeb(new WebShellInfo("9.9.9", time, time.GetTimestamp()));
        // The front panel's endpoints as the daemon maps them, over the simulated panel.
        var panel = EdgePbx.Hardware.Panel.FrontPanel.Create(new EdgePbx.Hardware.Settings.PanelSettings { Backend = EdgePbx.Hardware.Settings.PanelBackendKind.Simulated }, time, NullLoggerFactory.Instance).Panel;
        EdgePbx.Daemon.Hosting.PanelEndpoints.MapPanel(app, panel);
        if (plan is not null)
        {
            var applied = await activation.ApplyAsync(Encoding.UTF8.GetBytes(plan), 1, "test plan", "test");
            if (!applied.Ok)
            {
                throw new InvalidOperationException("test plan refused: " + string.Join("; ", applied.Issues));
            }
        }
        await app.StartAsync();
        return new WebShellHost(app, time, accounts, dataDir, panel);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = BaseAddress,
    };

    /// <summary>A client with a session (the first-run account is made if needed) and the session's CSRF token.</summary>
    public async Task<(HttpClient Client, string Csrf)> LoggedInAsync()
    {
        if (!Accounts.HasAnyAccount())
        {
            await Accounts.TryCreateFirstAsync("installer", Password);
        }
        var browser = Browser();
        string page = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));
        var response = await browser.PostAsync(new Uri("/login", UriKind.Relative), Form(("csrf", HiddenCsrf(page)), ("user", "installer"), ("password", Password)));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("login failed: " + response.StatusCode);
        }
        string dashboard = await browser.GetStringAsync(new Uri("/", UriKind.Relative));
        return (browser, MetaCsrf(dashboard));
    }

    public long Revision => Plan.Current?.Revision ?? 0;

    public static string HiddenCsrf(string html) => CsrfField().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("no csrf field in page:\n" + html);

    public static string MetaCsrf(string html) => CsrfMeta().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("no csrf meta in page");

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();

    public async ValueTask DisposeAsync()
    {
        var phones = Phones;
        var activation = _app.Services.GetRequiredService<PlanActivation>();
        var database = Database;
        var notifier = _app.Services.GetRequiredService<EventNotifier>();
        await _app.DisposeAsync();
        await Panel.DisposeAsync();
        notifier.Dispose();
        phones.Dispose();
        activation.Dispose();
        database.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that used it.
        }
    }
}
