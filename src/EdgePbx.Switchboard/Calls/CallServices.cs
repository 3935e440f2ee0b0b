using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using EdgePbx.Media.Tones;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Transactions;
using EdgePbx.Switchboard.Engine;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Media;
using EdgePbx.Switchboard.Options;
using EdgePbx.Switchboard.Records;
using EdgePbx.Switchboard.Routing;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Calls;

/// <summary>What every call of one engine shares: the network, the clocks, the trackers, the sinks.</summary>
internal sealed class CallServices
{
    public required CallEngineOptions Options { get; init; }

    public required TimeProvider Time { get; init; }

    public required EngineLoop Loop { get; init; }

    public required ISipClient Client { get; init; }

    public required ISipSender Sender { get; init; }

    public required IBindingStore Bindings { get; init; }

    /// <summary>False for a contact that stopped answering OPTIONS (the stack's qualify): hunting does not ring it.</summary>
    public Func<SipBinding, bool> Reachable { get; init; } = static _ => true;

    public required RtpSessionFactory Rtp { get; init; }

    public required MediaClock Clock { get; init; }

    public required ICallRecordSink Records { get; init; }

    public required EngineEvents Events { get; init; }

    public required LineBoard Lines { get; init; }

    public required PromptCache Prompts { get; init; }

    /// <summary>The tones' patterns, worked out once for all the engine's calls.</summary>
    public TonePatterns Tones { get; init; } = new();

    public required CallRouter Router { get; init; }

    public required CallRegistry Registry { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>The mailboxes; null when voicemail is not set up (voicemail steps are then refused with 480).</summary>
    public Voicemail.VoicemailBoxes? Voicemail { get; init; }

    /// <summary>A tone to play to a leg, over the pattern every call playing it shares.</summary>
    public ToneSource Tone(ToneSpec spec, AudioCodec codec) => new(Tones.Generator(spec), codec);

    /// <summary>Runs <paramref name="work"/> on the call's partition; false when the engine is stopping.</summary>
    public bool Post(string callKey, Action work) => Loop.Post(callKey, work);

    /// <summary>A one-shot timer whose callback runs on the call's partition.</summary>
    public ITimer After(TimeSpan due, string callKey, Action work) =>
        Time.CreateTimer(_ => Loop.Post(callKey, work), null, due, Timeout.InfiniteTimeSpan);
}
