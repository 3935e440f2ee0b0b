using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp;
using EdgePbx.Routing.Model;
using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Stack;
using EdgePbx.Sip.Threading;
using EdgePbx.Sip.Transport;
using EdgePbx.Switchboard.Engine;
using EdgePbx.Switchboard.Options;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Switchboard.Voicemail;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>
/// A real SipStack + CallEngine on a free loopback port, wired the way the daemon wires them (the engine is
/// the stack's handler, then attached to it), on real time because the peers (sipp) run in real time.
/// The media clock ticks on a thread of its own, as in the daemon (DaemonHost's "Media clock"): on the thread
/// pool its ticks wait for a free worker, and in a fresh test host on two cores there is none for up to a
/// second (the test platform's message loop and xunit's runner each block one while the pool grows slowly),
/// so the first call's prompts and tones ran late and the sipp peers, which keep their own time, spoke over them.
/// </summary>
public sealed class EngineRig : IAsyncDisposable
{
    public const string Domain = "pbx.test";

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    // The media clock's own thread: its ticks, and the engine work they post (a recording that starts at the
    // beep's end), run there.
    private readonly TimerThread _mediaTimers;

    private EngineRig(RoutingPlan plan, Func<CallEngineOptions, CallEngineOptions>? configure, Func<VoicemailOptions, VoicemailOptions>? voicemail = null, bool kernelRelay = false)
    {
        PromptDirectory = Directory.CreateTempSubdirectory("prompts-").FullName;
        if (voicemail is not null)
        {
            // Voicemail on a real SQLite database in a data folder of the test's own, like the daemon's.
            DataDirectory = Directory.CreateTempSubdirectory("data-").FullName;
            Database = PbxDatabase.Open(DataDirectory, TimeProvider.System);
            VoicemailIndex = new VoicemailIndex(Database);
        }

        Loop = new EngineLoop(2, NullLogger<EngineLoop>.Instance);
        Loop.Start();
        _mediaTimers = new TimerThread("Media clock", NullLogger<TimerThread>.Instance);
        Clock = new MediaClock(_mediaTimers);
        var rtpBase = 20000 + (Environment.ProcessId % 400 * 20);
        Rtp = new RtpSessionFactory(new RtpPortRange(rtpBase, rtpBase + 4000), IPAddress.Loopback, TimeProvider.System, NullLogger<RtpSessionFactory>.Instance, kernelRelay);
        Plan = new ActivePlan();
        Plan.Swap(new PlanSnapshot(plan, 1, "test", "0", DateTimeOffset.UtcNow));
        Credentials.Set("101", "secret101");
        Credentials.Set("102", "secret102");

        for (var attempt = 0; ; attempt++)
        {
            Port = FreePorts.Udp();
            var options = new CallEngineOptions
            {
                Domain = Domain,
                ExtraDomains = ["127.0.0.1"],
                SipSentBy = $"127.0.0.1:{Port}",
                MediaAddress = "127.0.0.1",
                AcceptUnauthenticatedFromAnywhere = true,
                PromptDirectory = PromptDirectory,
            };
            Options = configure is null ? options : configure(options);
            Engine = new CallEngine(Options, Plan, Bindings, Records, Rtp, Clock, Loop, TimeProvider.System, NullLoggerFactory.Instance);
            if (voicemail is not null)
            {
                Voicemail = new VoicemailBoxes(
                    voicemail(new VoicemailOptions { Directory = Path.Combine(DataDirectory!, "voicemail") }),
                    VoicemailIndex!, Plan, Domain, (ext, pin) => Pins.TryGetValue(ext, out var p) && p == pin, Bindings, TimeProvider.System, NullLogger.Instance);
                Engine.EnableVoicemail(Voicemail);
            }

            Stack = new SipStack(new SipStackOptions { Transport = new SipTransportOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, Port) } }, Bindings, Credentials, Engine, TimeProvider.System, NullLoggerFactory.Instance);
            try
            {
                Stack.Bind();
                break;
            }
            catch (SocketException) when (attempt < 5)
            {
                Stack.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        Engine.Attach(Stack);
        _run = Stack.RunAsync(_stop.Token);
    }

    public int Port { get; }

    public string Target => $"127.0.0.1:{Port}";

    public string PromptDirectory { get; }

    public CallEngineOptions Options { get; private set; } = null!;

    public CallEngine Engine { get; private set; } = null!;

    public SipStack Stack { get; private set; } = null!;

    public EngineLoop Loop { get; }

    public MediaClock Clock { get; }

    public RtpSessionFactory Rtp { get; }

    public ActivePlan Plan { get; }

    public InMemoryBindingStore Bindings { get; } = new();

    public InMemoryCredentialStore Credentials { get; } = new();

    public RecordingSink Records { get; } = new();

    /// <summary>The data folder (voicemail rigs only).</summary>
    public string? DataDirectory { get; }

    public PbxDatabase? Database { get; }

    public VoicemailIndex? VoicemailIndex { get; }

    public VoicemailBoxes? Voicemail { get; private set; }

    /// <summary>Voicemail PINs by extension (what the phone account store holds in the daemon).</summary>
    public Dictionary<string, string> Pins { get; } = [];

    public static EngineRig Start(RoutingPlan plan, Func<CallEngineOptions, CallEngineOptions>? configure = null) => new(plan, configure);

    /// <summary>A rig whose relayed calls go through the kernel relay (when this process may load it).</summary>
    public static EngineRig StartWithKernelRelay(RoutingPlan plan) => new(plan, null, kernelRelay: true);

    /// <summary>A rig with mailboxes (SQLite index and files in a data folder of its own) and message-summary MWI.</summary>
    public static EngineRig StartWithVoicemail(RoutingPlan plan, Func<VoicemailOptions, VoicemailOptions>? voicemail = null, Func<CallEngineOptions, CallEngineOptions>? configure = null) =>
        new(plan, configure, voicemail ?? (o => o));

    /// <summary>Binds an extension to a phone on a loopback port as the registrar would.</summary>
    public void RegisterPhone(string extension, int port) =>
        Bindings.Upsert(new SipBinding($"sip:{extension}@{Domain}", $"sip:{extension}@127.0.0.1:{port}", $"reg-{extension}-{port}", 1, DateTimeOffset.UtcNow.AddHours(1), null, $"UDP:127.0.0.1:{port}", "sipp"));

    /// <summary>Trunk options pointing at a sipp "carrier" on <paramref name="port"/>.</summary>
    public static TrunkOptions TrunkAt(int port, CallerIdMode mode) => new()
    {
        Target = new SipPeer(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, port)),
        Host = "carrier.test",
        FromDomain = "carrier.test",
        Account = "4006123456",
        CallerId = mode,
    };

    /// <summary>Waits (on real I/O of the peers) until the engine's status satisfies <paramref name="condition"/>.</summary>
    public void WaitFor(Func<CallEngine, bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(() => condition(Engine), TimeSpan.FromSeconds(15)), "timed out waiting for " + what);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        await Stack.DisposeAsync();
        await Loop.DisposeAsync();
        Clock.Dispose();
        _mediaTimers.Dispose();
        Rtp.Dispose();
        Records.Dispose();
        Database?.Dispose();
        _stop.Dispose();
    }
}
