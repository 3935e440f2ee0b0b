using EdgePbx.Daemon.Adapters;
using EdgePbx.Daemon.Cli;
using EdgePbx.Daemon.Cloud;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Daemon.Engine;
using EdgePbx.Daemon.Logging;
using EdgePbx.Daemon.Plans;
using EdgePbx.Daemon.Prompts;
using EdgePbx.Daemon.Reset;
using EdgePbx.Daemon.Systemd;
using EdgePbx.Daemon.Web;
using EdgePbx.Hardware.Panel;
using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Stack;
using EdgePbx.Sip.Threading;
using EdgePbx.Sip.Transport;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Phones;
using EdgePbx.Storage.Plans;
using EdgePbx.Storage.Registrar;
using EdgePbx.Storage.Subscriptions;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Media.Rtp;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard;
using EdgePbx.Switchboard.Engine;
using EdgePbx.Switchboard.Records;
using EdgePbx.Switchboard.Voicemail;
using EdgePbx.Web;
using EdgePbx.Web.Status;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Web.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Hosting;

/// <summary>The composition root of <c>edgepbx run</c>: wires every layer into one Generic Host.</summary>
public static class DaemonHost
{
    /// <summary>The service key of the media clock's timer thread (the SIP stack's is the unkeyed one).</summary>
    private const string MediaClockThread = "media-clock";

    public static async Task<int> RunAsync(DaemonSettings settings, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(error);
        PbxDatabase database;
        try
        {
            database = PbxDatabase.Open(settings.DataDirectory, TimeProvider.System);
        }
#pragma warning disable CA1031 // A database that cannot be opened (corrupt, newer schema, disk) is one clear line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"edgepbx: dataDir: database {PbxDatabase.PathIn(settings.DataDirectory)} cannot be opened: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadSettings;
        }

        using (database)
        {
            await using var app = Build(settings, database);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Start-up failures of any kind end in one clear line and an exit code, not a stack trace.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The lines logged on the way to the failure come out before the line that sums it up.
                app.Services.GetRequiredService<BatchedConsoleLoggerProvider>().Flush();
                var (line, code) = StartupFailure.Describe(ex, settings);
                await error.WriteLineAsync($"edgepbx: {line}").ConfigureAwait(false);
                return code;
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return app.Services.GetRequiredService<ExitRequest>().Code;
        }
    }

    private static WebApplication Build(DaemonSettings settings, PbxDatabase database)
    {
        // The empty builder, not the slim one: the daemon's settings come from its own loader (no appsettings.json,
        // environment or command-line configuration, so no FileSystemWatcher on the content root either), and the slim
        // builder's AddSimpleConsole kept the console logger and its formatters in the binary, one instantiation of each
        // per log message state type, although the daemon logs through BatchedConsoleLoggerProvider. What the slim
        // builder added that the daemon uses: Kestrel and routing.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        // Standard output in batches, and the System page's recent lines fed from the same formatted messages.
        builder.Logging.AddDaemonLogging(
            Enum.Parse<LogLevel>(settings.LogLevel, ignoreCase: true),
            Console.OpenStandardOutput,
            new LogBatchOptions { Format = SystemdHelpers.IsSystemdService() ? LogFormat.Journal : LogFormat.Simple });
        builder.Services.AddSystemd();
        // SIGTERM must end the process within systemd's stop timeout and our 2 s promise.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(1500));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(settings.WebListen.EndPoint));

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NotifySocket.FromEnvironment());

        // Storage and the plan in force.
        services.AddSingleton(database);
        services.AddSingleton(sp => new PlanHistory(sp.GetRequiredService<PbxDatabase>()));
        services.AddSingleton<ActivePlan>();
        services.AddSingleton<PlanActivation>();
        services.AddSingleton<ExitRequest>();
        services.AddSingleton<FactoryReset>();
        services.AddSingleton(sp => new BindingStore(sp.GetRequiredService<PbxDatabase>()));

        // The engine and the SIP stack. Their timers run on a thread of their own (TimerThread), as does the
        // media clock; the rest of the box's on the system clock.
        services.AddSingleton(sp => new TimerThread("SIP timers", sp.GetRequiredService<ILogger<TimerThread>>()));
        services.AddKeyedSingleton(MediaClockThread, (sp, _) => new TimerThread("Media clock", sp.GetRequiredService<ILogger<TimerThread>>()));
        services.AddSingleton(sp => new EngineLoop(Environment.ProcessorCount, sp.GetRequiredService<ILogger<EngineLoop>>()));
        services.AddSingleton(sp => new PersistentBindingStore(
            sp.GetRequiredService<BindingStore>(), sp.GetRequiredService<TimeProvider>(), PersistentBindingStore.DefaultFlushInterval, sp.GetRequiredService<ILogger<PersistentBindingStore>>()));
        services.AddSingleton(sp => new SubscriptionStore(sp.GetRequiredService<PbxDatabase>()));
        services.AddSingleton<PersistentSubscriptionStore>();
        services.AddSingleton<IBindingStore>(sp => sp.GetRequiredService<PersistentBindingStore>());
        services.AddSingleton(sp => new PhoneAccountStore(sp.GetRequiredService<PbxDatabase>()));
        services.AddSingleton<ICredentialStore>(sp => new PhoneCredentialStore(
            sp.GetRequiredService<PhoneAccountStore>(), sp.GetRequiredService<ActivePlan>(), settings.SipDomain, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var engine = sp.GetRequiredService<CallEngine>();
            var stack = new SipStack(
            new SipStackOptions
            {
                Transport = new SipTransportOptions { EndPoint = settings.SipListen.EndPoint },
                Auth = new DigestAuthenticatorOptions { Realm = settings.SipDomain, Algorithms = settings.SipDigestAlgorithms },
                Qualify = new QualifyOptions { Interval = settings.SipQualifyInterval },
            },
            sp.GetRequiredService<IBindingStore>(),
            sp.GetRequiredService<ICredentialStore>(),
            engine,
            sp.GetRequiredService<TimerThread>(),
            sp.GetRequiredService<ILoggerFactory>());
            engine.Attach(stack);
            return stack;
        });
        services.AddSingleton(sp => new CallRecordWriter(sp.GetRequiredService<PbxDatabase>()));
        services.AddSingleton<StorageCallRecordSink>();
        services.AddSingleton(sp => new MediaClock(sp.GetRequiredKeyedService<TimerThread>(MediaClockThread)));
        services.AddSingleton(sp => new RtpSessionFactory(
            settings.Media.RtpPorts, settings.SipListen.EndPoint.Address, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RtpSessionFactory>>()));
        services.AddSingleton(_ => new NightSwitch(settings.DataDirectory));
        services.AddSingleton(sp => new VoicemailBoxes(
            EngineSettings.Voicemail(settings),
            new VoicemailIndex(sp.GetRequiredService<PbxDatabase>()),
            sp.GetRequiredService<ActivePlan>(),
            settings.SipDomain,
            sp.GetRequiredService<PhoneAccountStore>().VerifyVoicemailPin,
            sp.GetRequiredService<IBindingStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<VoicemailBoxes>>()));
        services.AddSingleton(sp =>
        {
            var night = sp.GetRequiredService<NightSwitch>();
            var engine = new CallEngine(
                EngineSettings.Options(settings, () => night.IsOn),
                sp.GetRequiredService<ActivePlan>(),
                sp.GetRequiredService<IBindingStore>(),
                sp.GetRequiredService<StorageCallRecordSink>(),
                sp.GetRequiredService<RtpSessionFactory>(),
                sp.GetRequiredService<MediaClock>(),
                sp.GetRequiredService<EngineLoop>(),
                sp.GetRequiredService<TimerThread>(),
                sp.GetRequiredService<ILoggerFactory>());
            engine.EnableVoicemail(sp.GetRequiredService<VoicemailBoxes>());
            return engine;
        });

        // The front panel (simulated unless the settings name real pins).
        services.AddSingleton(sp => FrontPanel.Create(settings.Panel, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()).Panel);

        // Cloud plan sync (off unless the settings name a device and trusted keys).
        services.AddSingleton<BoxHealth>();
        services.AddSingleton<EdgePbx.Cloud.Apply.IDeviceHealth>(sp => sp.GetRequiredService<BoxHealth>());
        services.AddSingleton<EdgePbx.Cloud.Apply.IPlanStore, CloudPlanStore>();

        // Start order matters: the plan is in force before SIP listens; readiness is announced last.
        // Hosted services stop in reverse order: SIP stops taking calls before the engine and the record writer stop.
        services.AddHostedService<DefaultPromptsService>();
        services.AddHostedService<PlanStartupService>();
        services.AddHostedService<CallRecordService>();
        services.AddHostedService<EngineService>();
        services.AddSingleton<SipService>();
        services.AddHostedService(sp => sp.GetRequiredService<SipService>());
        services.AddHostedService<CallDrainService>();
        services.AddHostedService<TrunkService>();
        services.AddHostedService<PanelService>();
        services.AddHostedService(sp => new PanelBridgeService(
            sp.GetRequiredService<CallEngine>(), sp.GetRequiredService<FrontPanel>(), sp.GetRequiredService<ActivePlan>(),
            sp.GetRequiredService<NightSwitch>(), sp.GetRequiredService<BoxHealth>(), sp.GetRequiredService<FactoryReset>(),
            sp.GetRequiredService<TimerThread>(), sp.GetRequiredService<ILogger<PanelBridgeService>>()));
        services.AddSingleton<CloudSyncService>();
        services.AddHostedService(sp => sp.GetRequiredService<CloudSyncService>());
        services.AddHostedService<PlanReloadService>();
        services.AddSingleton(sp => new VoicemailIndex(sp.GetRequiredService<PbxDatabase>()));
        services.AddHostedService<StatusLedService>();
        services.AddHostedService<ReadinessNotifier>();
        services.AddHostedService<WatchdogService>();
        services.AddHostedService<EdgePbx.Daemon.Memory.StartupPagesRelease>();
        services.AddHostedService<StartupLogFlush>();
        services.AddSingleton<IReadinessCheck, DataDirectoryReadiness>();
        services.AddSingleton<IReadinessCheck, DatabaseReadiness>();
        services.AddSingleton<IReadinessCheck, SipReadiness>();

        // The installer's web page (the daemon's own status source replaces the web layer's stored-only one).
        services.AddSingleton<IPbxStatusSource, EngineStatusSource>();
        services.AddSingleton<EdgePbx.Web.Box.IBoxControl, SystemdBoxControl>();
        services.AddSingleton<EdgePbx.Web.Box.IBoxSettings>(_ => new DaemonBoxSettings(settings));
        services.AddSingleton<EdgePbx.Web.Prompts.IPromptChangeListener, EnginePromptListener>();
        services.AddInstallerWeb();

        var app = builder.Build();
        app.UseInstallerWeb(new WebShellInfo(ProgramInfo.Version, TimeProvider.System, TimeProvider.System.GetTimestamp()));
        app.MapPanel(app.Services.GetRequiredService<FrontPanel>());
        return app;
    }
}
