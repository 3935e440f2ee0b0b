using System.Collections.Concurrent;
using System.Net;
using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Subscriptions;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Sip.Stack;

/// <summary>
/// What the daemon hosts: transports, the transaction layer, OPTIONS (200), REGISTER (digest +
/// registrar) and CANCEL handled here; every other request goes to an <see cref="ISipRequestHandler"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A SIP stack is what this is; the daemon's wiring names it.")]
public sealed class SipStack : IAsyncDisposable, ISipMessageReceiver, ISipSender, ITransactionUser, ISipClient
{
    private readonly SipStackOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ISipRequestHandler _handler;
    private readonly ConcurrentDictionary<TransactionKey, SipTransaction> _server = new();
    private readonly MergedRequestIndex _merged = new();
    private readonly Func<TransactionKey, bool> _isLiveServer;
    private readonly ConcurrentDictionary<TransactionKey, SipServerRequest> _invites = new();
    private readonly ConcurrentDictionary<TransactionKey, (SipTransaction Transaction, ITransactionUser User)> _client = new();
    private readonly SuccessRetransmitter _successes;
    private CancellationToken _runToken;

    public SipStack(SipStackOptions options, IBindingStore bindings, ICredentialStore credentials, ISipRequestHandler? handler, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger<SipStack>();
        _handler = handler ?? new DefaultSipRequestHandler();
        Transport = new SipTransportLayer(options.Transport, time, loggerFactory);
        Authenticator = new DigestAuthenticator(options.Auth, credentials, time);
        Registrar = new Registrar(options.Registrar, bindings, time);
        _successes = new SuccessRetransmitter(time, options.Timers, this);
        Notifier = new EventNotifier(options.Subscriptions, this, time, _logger, () => options.Subscriptions.SentBy ?? Transport.BoundEndPoints[0].ToString());
        _isLiveServer = IsLiveServer;
        Qualifier = new ContactQualifier(options.Qualify, bindings, this, SentByFor, time, _logger);
    }

    public SipTransportLayer Transport { get; }

    public DigestAuthenticator Authenticator { get; }

    public Registrar Registrar { get; }

    /// <summary>SUBSCRIBE/NOTIFY (RFC 6665) for the event packages the upper layer adds.</summary>
    public EventNotifier Notifier { get; }

    /// <summary>OPTIONS qualify of registered contacts; <see cref="ContactQualifier.IsReachable"/> tells who answers.</summary>
    public ContactQualifier Qualifier { get; }

    public IReadOnlyList<IPEndPoint> BoundEndPoints => Transport.BoundEndPoints;

    /// <summary>Binds UDP and TCP; throws <see cref="System.Net.Sockets.SocketException"/> if the port is taken.</summary>
    public void Bind() => Transport.Bind();

    /// <summary>Receives and answers until cancelled.</summary>
    public Task RunAsync(CancellationToken ct)
    {
        _runToken = ct;
        var run = Transport.RunAsync(this, ct);
        Qualifier.Start();
        return run;
    }

    /// <summary>Client transactions not yet terminated (those waiting out Timer D, K or M included).</summary>
    public int ClientTransactionCount => _client.Count;

    /// <summary>
    /// Sends a request through a new client transaction (RFC 3261 17.1); responses and timeouts go to
    /// <paramref name="user"/>. The request's top Via branch must be unique (z9hG4bK...).
    /// </summary>
    public SipTransaction SendRequest(SipMessage request, SipPeer target, ITransactionUser user)
    {
        ArgumentNullException.ThrowIfNull(request);
        SipTransaction t;
        if (request.Method == "INVITE")
        {
            var invite = new ClientInviteTransaction(request, target, this, this, _time, _options.Timers);
            _client[invite.Key] = (invite, user);
            invite.Start();
            t = invite;
        }
        else
        {
            var other = new ClientNonInviteTransaction(request, target, this, this, _time, _options.Timers);
            _client[other.Key] = (other, user);
            other.Start();
            t = other;
        }

        return t;
    }

    public async ValueTask DisposeAsync()
    {
        _successes.Dispose();
        Qualifier.Dispose();
        Notifier.Dispose();
        foreach (var t in _server.Values)
        {
            t.Dispose();
        }

        foreach (var (t, _) in _client.Values)
        {
            t.Dispose();
        }

        await Transport.DisposeAsync().ConfigureAwait(false);
    }

    void ISipMessageReceiver.OnMessage(SipInbound inbound)
    {
        var m = inbound.Message;
        if (!m.IsRequest)
        {
            if (_client.TryGetValue(TransactionKey.ForClient(m), out var entry))
            {
                entry.Transaction.Handle(new TransactionEvent(TransactionEventKind.Response, m));
            }

            return;
        }

        if (IsScanner(m, out var ua))
        {
            StackLog.ScannerDropped(_logger, inbound.Source.ToString(), ua);
            return;
        }

        var key = TransactionKey.ForServer(m);
        if (m.Method == "ACK")
        {
            if (_server.TryGetValue(key, out var invite) && invite.State != TransactionState.Accepted)
            {
                invite.Handle(new TransactionEvent(TransactionEventKind.Request, m));
            }
            else
            {
                // ACK for a 2xx: its own transaction (RFC 3261 13.2.2.4); it ends our 2xx retransmission.
                _successes.OnAck(m);
                _handler.OnAck(inbound);
            }

            return;
        }

        if (_server.TryGetValue(key, out var existing))
        {
            existing.Handle(new TransactionEvent(TransactionEventKind.Request, m));
            return;
        }

        var transaction = CreateServerTransaction(inbound);
        if (!_server.TryAdd(key, transaction))
        {
            // Lost a race with a retransmission on another loop: treat this copy as the retransmission.
            transaction.Dispose();
            _server[key].Handle(new TransactionEvent(TransactionEventKind.Request, m));
            return;
        }

        var request = new SipServerRequest(this, inbound, transaction);
        if (transaction is ServerInviteTransaction sit)
        {
            _invites[key] = request;
            sit.Start(BuildResponse(request, 100, "Trying", null, default, null));
        }

        Dispatch(request, key);
    }

    bool ISipSender.Send(ReadOnlyMemory<byte> data, SipPeer target)
    {
        _ = ObserveAsync(Transport.SendAsync(data, target, _runToken), target);
        return true;
    }

    void ITransactionUser.OnResponse(SipTransaction transaction, SipMessage response)
    {
        if (_client.TryGetValue(transaction.Key, out var e))
        {
            e.User.OnResponse(transaction, response);
        }
    }

    void ITransactionUser.OnAck(SipTransaction transaction, SipMessage ack) =>
        _handler.OnAck(new SipInbound(ack, transaction.Peer, Transport.BoundEndPoints[0]));

    void ITransactionUser.OnTimeout(SipTransaction transaction)
    {
        if (_client.TryGetValue(transaction.Key, out var e))
        {
            e.User.OnTimeout(transaction);
        }
    }

    void ITransactionUser.OnTransportError(SipTransaction transaction)
    {
        if (_client.TryGetValue(transaction.Key, out var e))
        {
            e.User.OnTransportError(transaction);
        }
    }

    void ITransactionUser.OnTerminated(SipTransaction transaction)
    {
        if (transaction.Key.IsServer)
        {
            _server.TryRemove(transaction.Key, out _);
            _invites.TryRemove(transaction.Key, out _);
            _merged.Forget(transaction);
        }
        else if (_client.TryRemove(transaction.Key, out var e))
        {
            e.User.OnTerminated(transaction);
        }
    }

    internal void Respond(SipServerRequest request, int statusCode, string reasonPhrase, IEnumerable<KeyValuePair<string, string>>? headers, ReadOnlyMemory<byte> body, string? contentType)
    {
        var response = BuildResponse(request, statusCode, reasonPhrase, headers, body, contentType);
        request.Transaction.Handle(TransactionEvent.TuResponse(new OutgoingResponse(statusCode, response)));
        if (statusCode >= 200 && request.Message.Method == "INVITE")
        {
            // Answered: a CANCEL can no longer reach it (HandleCancel), so the request need not wait for timer L or H here.
            _invites.TryRemove(request.Transaction.Key, out _);
            if (statusCode < 300)
            {
                // The response's To tag: the request's own (a re-INVITE) or the one BuildResponse added.
                _successes.Start(request.Message, request.ToTag, response, request.Transaction.Peer);
            }
        }
    }

    /// <summary>The response's bytes; not parsed back (the server transactions need only the bytes and the code).</summary>
    private byte[] BuildResponse(SipServerRequest request, int statusCode, string reasonPhrase, IEnumerable<KeyValuePair<string, string>>? headers, ReadOnlyMemory<byte> body, string? contentType)
    {
        var b = SipMessageBuilder.ResponseTo(request.Message, statusCode, reasonPhrase, request.ToTag, request.ResponseVia)
            .Add("Server", _options.ServerName);
        foreach (var (name, value) in headers ?? [])
        {
            b.Add(name, value);
        }

        if (contentType is not null)
        {
            b.WithBody(body, contentType);
        }

        return b.ToBytes();
    }

    private SipTransaction CreateServerTransaction(SipInbound inbound)
    {
        var peer = ResponseRouter.Route(inbound);
        return inbound.Message.Method == "INVITE"
            ? new ServerInviteTransaction(inbound.Message, peer, this, this, _time, _options.Timers)
            : new ServerNonInviteTransaction(inbound.Message, peer, this, this, _time, _options.Timers);
    }

    private void Dispatch(SipServerRequest request, TransactionKey key)
    {
        var m = request.Message;
        // RFC 3261 8.2.2.2: same From tag, Call-ID and CSeq on a new transaction without To tag = merged (looped) request.
        if (m.ToTag is null && IsMerged(request))
        {
            request.Respond(482, "Loop Detected");
            return;
        }

        // RFC 3261 16.3 item 2 / 8.2: Max-Forwards 0 ends here, except OPTIONS which we may answer.
        if (m.MaxForwards == 0 && m.Method != "OPTIONS")
        {
            request.Respond(483, "Too Many Hops");
            return;
        }

        switch (m.Method)
        {
            case "OPTIONS":
                var events = Notifier.AllowEvents;
                request.Respond(200, "OK", events.Length == 0
                    ? [new("Allow", _options.Allow), new("Accept", "application/sdp"), new("Supported", "path, outbound")]
                    : [new("Allow", _options.Allow), new("Accept", "application/sdp"), new("Supported", "path, outbound"), new("Allow-Events", events)]);
                break;
            case "REGISTER":
                HandleRegister(request);
                break;
            case "SUBSCRIBE":
                HandleSubscribe(request);
                break;
            case "CANCEL":
                HandleCancel(request);
                break;
            default:
                try
                {
                    _handler.OnRequest(request);
                }
                catch (InvalidOperationException e)
                {
                    StackLog.HandlerFailed(_logger, m.Method, e.Message);
                    request.Respond(500, "Server Internal Error");
                }

                break;
        }
    }

    private void HandleRegister(SipServerRequest request)
    {
        var outcome = Authenticator.Verify(request.Message, request.Source.EndPoint.Address);
        if (!outcome.IsAuthenticated)
        {
            if (outcome.Kind == AuthOutcomeKind.Rejected)
            {
                StackLog.AuthFailed(_logger, request.Source.ToString(), outcome.Reason);
            }

            request.Challenge(outcome);
            return;
        }

        var result = Registrar.Register(request.Message, outcome.Username!, $"{request.Source.Transport.ToString().ToUpperInvariant()}:{request.Source.EndPoint}");
        // A refresh is logged at Debug: one Information line per REGISTER would flood the journal (a phone
        // refreshes every few minutes, a registration storm thousands a second) and cost the SIP worker.
        var level = result.StatusCode != 200 || result.ContactsChanged ? LogLevel.Information : LogLevel.Debug;
        if (_logger.IsEnabled(level))
        {
            var aor = request.Message.To.Uri.AddressOfRecord;
            var source = request.Source.ToString();
            StackLog.Registered(_logger, level, aor, source, result.StatusCode, result.ReasonPhrase);
        }
        request.Respond(result.StatusCode, result.ReasonPhrase, result.Headers);
    }

    /// <summary>RFC 6665 4.2.1: SUBSCRIBE is authenticated like REGISTER (digest), then the notifier decides.</summary>
    private void HandleSubscribe(SipServerRequest request)
    {
        var outcome = Authenticator.Verify(request.Message, request.Source.EndPoint.Address);
        if (!outcome.IsAuthenticated)
        {
            if (outcome.Kind == AuthOutcomeKind.Rejected)
            {
                StackLog.AuthFailed(_logger, request.Source.ToString(), outcome.Reason);
            }

            request.Challenge(outcome);
            return;
        }

        Notifier.OnSubscribe(request.Message, request.Source, request.ToTag, outcome.Username!, (status, reason, headers) =>
            request.Respond(status, reason, headers.Any(h => h.Key == "Allow-Events") ? headers : headers.Append(new("Allow-Events", Notifier.AllowEvents))));
    }

    private void HandleCancel(SipServerRequest cancel)
    {
        // RFC 3261 9.2: the CANCEL matches the INVITE transaction with the same branch and sent-by.
        var inviteKey = cancel.Transaction.Key with { Method = "INVITE" };
        if (_invites.TryGetValue(inviteKey, out var invite) && invite.Transaction.State == TransactionState.Proceeding)
        {
            cancel.Respond(200, "OK");
            _handler.OnCancel(invite);
            return;
        }

        cancel.Respond(481, "Call/Transaction Does Not Exist");
    }

    /// <summary>
    /// Our host:port in requests to <paramref name="peer"/>: the configured sent-by, else the bound address,
    /// or, when bound to a wildcard, the local address the system routes towards the peer (no packet is sent).
    /// </summary>
    internal string SentByFor(SipPeer peer)
    {
        if (_options.Subscriptions.SentBy is { } configured)
        {
            return configured;
        }

        var bound = Transport.BoundEndPoints[0];
        if (!bound.Address.Equals(IPAddress.Any) && !bound.Address.Equals(IPAddress.IPv6Any))
        {
            return bound.ToString();
        }

        try
        {
            using var probe = new System.Net.Sockets.Socket(peer.EndPoint.AddressFamily, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            if (peer.EndPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                probe.DualMode = true;
            }

            probe.Connect(peer.EndPoint);
            var local = ((IPEndPoint)probe.LocalEndPoint!).Address;
            return new IPEndPoint(local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local, bound.Port).ToString();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return bound.ToString();
        }
    }

    private bool IsMerged(SipServerRequest request) => _merged.IsMerged(request.Message, request.Transaction, _isLiveServer);

    private bool IsLiveServer(TransactionKey key) => _server.TryGetValue(key, out var t) && t.State != TransactionState.Terminated;

    private bool IsScanner(SipMessage m, out string userAgent)
    {
        userAgent = m.GetHeader(HeaderKind.UserAgent) ?? string.Empty;
        var scanners = _options.ScannerUserAgents;
        // By index: a foreach over the interface made an enumerator for every request received.
        for (var i = 0; i < scanners.Count && userAgent.Length > 0; i++)
        {
            if (userAgent.Contains(scanners[i], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private async Task ObserveAsync(ValueTask<bool> send, SipPeer target)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        catch (ObjectDisposedException e)
        {
            StackLog.SendFailed(_logger, target.ToString(), e.Message);
        }
    }
}
