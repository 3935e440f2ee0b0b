using System.Collections.Concurrent;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Sip.Registration;

/// <summary>
/// OPTIONS qualify of registered contacts (RFC 3261 11: OPTIONS asks a UA about itself; any final answer
/// shows it is alive). Every <see cref="QualifyOptions.Interval"/> each current binding gets one OPTIONS
/// through its own client transaction; a timeout (timer F) or transport error marks the contact
/// unreachable until it answers again or registers anew, so the engine can skip it when ringing.
/// </summary>
public sealed class ContactQualifier : IDisposable
{
    private readonly QualifyOptions _options;
    private readonly IBindingStore _bindings;
    private readonly ISipClient _client;
    private readonly Func<SipPeer, string> _sentBy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Status> _status = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private ITimer? _timer;

    /// <param name="sentBy">The host:port for our Via, From and Call-ID towards a peer.</param>
    public ContactQualifier(QualifyOptions options, IBindingStore bindings, ISipClient client, Func<SipPeer, string> sentBy, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Interval, TimeSpan.Zero);
        _options = options;
        _bindings = bindings;
        _client = client;
        _sentBy = sentBy;
        _time = time;
        _logger = logger;
    }

    public bool IsEnabled => _options.Interval > TimeSpan.Zero;

    /// <summary>OPTIONS sent and not yet answered, timed out or failed.</summary>
    public int PendingCount => _inFlight.Count;

    /// <summary>Starts the periodic rounds (the first one interval from now); does nothing when qualify is off.</summary>
    public void Start()
    {
        if (IsEnabled && _timer is null)
        {
            _timer = _time.CreateTimer(static s => ((ContactQualifier)s!).QualifyAll(), this, _options.Interval, _options.Interval);
        }
    }

    /// <summary>False only when the last OPTIONS to this binding (as registered now) went unanswered.</summary>
    public bool IsReachable(SipBinding binding) => Reachability(binding) != ContactReachability.Unreachable;

    public ContactReachability Reachability(SipBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        // A new registration (another Call-ID, or from another address: a rebooted phone) starts unknown.
        return _status.TryGetValue(Key(binding), out var s) && s.CallId == binding.CallId && s.Source == binding.Source
            ? s.Reachability
            : ContactReachability.Unknown;
    }

    /// <summary>One round: an OPTIONS to every unexpired binding that has none outstanding.</summary>
    public void QualifyAll()
    {
        var now = _time.GetUtcNow();
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binding in _bindings.GetAll())
        {
            if (binding.ExpiresAt <= now)
            {
                continue;
            }

            var key = Key(binding);
            current.Add(key);
            if (BindingPeer.For(binding) is not { } peer || !_inFlight.TryAdd(key, 0))
            {
                continue;
            }

            _client.SendRequest(Options(binding, peer), peer, new QualifyOutcome(this, binding));
        }

        // Forget contacts that are no longer bound (removed or expired).
        foreach (var key in _status.Keys)
        {
            if (!current.Contains(key))
            {
                _status.TryRemove(key, out _);
            }
        }
    }

    public void Dispose() => _timer?.Dispose();

    internal void Record(SipBinding binding, ContactReachability reachability)
    {
        var key = Key(binding);
        var was = _status.TryGetValue(key, out var old) && old.CallId == binding.CallId ? old.Reachability : ContactReachability.Unknown;
        _status[key] = new Status(binding.CallId, binding.Source, reachability);
        if (reachability == ContactReachability.Unreachable && was != ContactReachability.Unreachable)
        {
            QualifyLog.Unreachable(_logger, binding.ContactUri, binding.AddressOfRecord);
        }
        else if (reachability == ContactReachability.Reachable && was == ContactReachability.Unreachable)
        {
            QualifyLog.ReachableAgain(_logger, binding.ContactUri, binding.AddressOfRecord);
        }
    }

    internal void Finished(SipBinding binding) => _inFlight.TryRemove(Key(binding), out _);

    private SipMessage Options(SipBinding binding, SipPeer peer)
    {
        var sentBy = _sentBy(peer);
        return SipMessageBuilder.Request("OPTIONS", binding.ContactUri)
            .Add("Via", $"SIP/2.0/{(peer.IsReliable ? "TCP" : "UDP")} {sentBy};branch={SipTokens.Branch()};rport")
            .Add("Max-Forwards", "70")
            .Add("From", $"<sip:qualify@{sentBy}>;tag={SipTokens.Hex(6)}")
            .Add("To", $"<{binding.ContactUri}>")
            .Add("Call-ID", $"{SipTokens.Hex(10)}@{sentBy}")
            .Add("CSeq", "1 OPTIONS")
            .Add("Accept", "application/sdp")
            .Build();
    }

    private static string Key(SipBinding binding) => binding.AddressOfRecord + "\n" + binding.ContactUri;

    private sealed record Status(string CallId, string Source, ContactReachability Reachability);
}
