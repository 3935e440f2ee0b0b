using System.Net;
using EdgePbx.Media.Sdp;
using EdgePbx.Media.Tones;

namespace EdgePbx.Switchboard.Options;

/// <summary>How the engine meets the network: its SIP address, its media address, who may call in unauthenticated.</summary>
public sealed record CallEngineOptions
{
    /// <summary>
    /// The domain desk phones register under: extension 101 is the address-of-record "sip:101@{Domain}"
    /// (the registrar keys bindings by the To URI's scheme, user and lower-case host).
    /// </summary>
    public required string Domain { get; init; }

    /// <summary>Further domains phones may have registered under (e.g. the box's IP address as well as its name).</summary>
    public IReadOnlyList<string> ExtraDomains { get; init; } = [];

    /// <summary>Our Via sent-by and Contact host:port ("192.0.2.10:5060").</summary>
    public required string SipSentBy { get; init; }

    /// <summary>The address written into our SDP (c= and o=); RTP sockets are bound by the session factory.</summary>
    public required string MediaAddress { get; init; }

    /// <summary>Sources (the carrier's addresses) whose INVITEs to the plan's numbers are taken without digest.</summary>
    public IReadOnlyList<IPAddress> TrunkSources { get; init; } = [];

    /// <summary>Take unauthenticated INVITEs to the plan's numbers from any source (DIDs reachable from anywhere).</summary>
    public bool AcceptUnauthenticatedFromAnywhere { get; init; }

    /// <summary>Forwarding to external numbers; null refuses forward steps (the call goes on as unanswered).</summary>
    public TrunkOptions? Trunk { get; init; }

    /// <summary>Relative audio names in the plan ("prompts/welcome.wav") are resolved against this folder.</summary>
    public string PromptDirectory { get; init; } = ".";

    public CountryToneProfile Tones { get; init; } = CountryToneProfile.China;

    /// <summary>
    /// What the other side hears while one side holds (prompts/hold-music.wav, looped; the default prompts ship
    /// one). When the file is missing or cannot be played, <see cref="HoldTone"/> plays instead.
    /// </summary>
    public string HoldMusic { get; init; } = "prompts/hold-music.wav";

    /// <summary>The hold indication without music: a short soft 440 Hz beep every 4 s, so the held side knows the call is still there.</summary>
    public ToneSpec HoldTone { get; init; } = ToneSpec.Cadenced(200, 3800, -20, 440);

    /// <summary>Codecs in our preference order.</summary>
    public IReadOnlyList<AudioCodec> Codecs { get; init; } = [AudioCodec.Pcmu, AudioCodec.Pcma];

    /// <summary>An answered call with no RTP from a leg for this long is ended.</summary>
    public TimeSpan MediaTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retry-After on 503 answers (capacity, cost caps, no media ports).</summary>
    public int RetryAfterSeconds { get; init; } = 60;

    /// <summary>
    /// The status sent when the plan blocks a caller (black list, blocked region, whitelist-only); the
    /// evaluator says 603 Decline, carriers and the product want 403 Forbidden.
    /// </summary>
    public int BlockedStatusCode { get; init; } = 403;

    /// <summary>Longest per-caller frequency window the engine remembers calls for.</summary>
    public TimeSpan LongestFrequencyWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>When the welcome audio file is missing, the ringback tone plays for this long instead.</summary>
    public TimeSpan MissingWelcomeToneTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>In a menu, how long the box waits for the next key while the keys so far could still grow.</summary>
    public TimeSpan MenuInterDigitTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>When a menu prompt file is missing, a tone plays for this long instead (then the menu waits for keys).</summary>
    public TimeSpan MissingPromptToneTime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many 20 ms frames of an answering leg are listened to for CED (fax answer tone) after the bridge.</summary>
    public int CedListenFrames { get; init; } = 500;

    /// <summary>The feature code a registered phone dials to pick up a call ringing a member of its hunt groups.</summary>
    public string PickupCode { get; init; } = "*8";

    /// <summary>The front-panel night switch, read for every new call.</summary>
    public Func<bool> NightMode { get; init; } = static () => false;
}
