using System.Globalization;
using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;

namespace EdgePbx.Sip.Registration;

/// <summary>
/// Keeps the box registered with the carrier (RFC 3261 10.2): REGISTER, answer 401/407 with digest,
/// follow 423 Min-Expires, refresh before the granted expiry, back off exponentially on failure.
/// Every change of <see cref="State"/> is reported through <see cref="StateChanged"/>.
/// </summary>
public sealed class TrunkRegistration : ITransactionUser, IDisposable
{
    private readonly TrunkRegistrationOptions _options;
    private readonly ISipClient _client;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly string _callId = SipTokens.Hex(10) + "@edgepbx";
    private readonly string _fromTag = SipTokens.Hex(5);
    private ITimer? _timer;
    private long _cseq;
    private int _expires;
    private int _nonceCount;
    private string? _lastNonce;
    private bool _authTried;
    private TimeSpan _backoff;
    private bool _stopped;

    public TrunkRegistration(TrunkRegistrationOptions options, ISipClient client, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _client = client;
        _time = time;
        _expires = options.Expires;
        _backoff = options.RetryMin;
    }

    public TrunkRegistrationState State { get; private set; }

    public int? LastStatusCode { get; private set; }

    public DateTimeOffset? RegisteredUntil { get; private set; }

    public event Action<TrunkRegistrationState>? StateChanged;

    public void Start()
    {
        lock (_gate)
        {
            _stopped = false;
            SendRegister(null, _expires);
        }
    }

    /// <summary>Stops refreshing and removes the binding (Expires: 0).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _timer?.Dispose();
            SendRegister(null, 0);
            SetState(TrunkRegistrationState.Unregistered);
        }
    }

    public void Dispose() => _timer?.Dispose();

    void ITransactionUser.OnResponse(SipTransaction transaction, SipMessage response)
    {
        lock (_gate)
        {
            if (response.StatusCode < 200 || _stopped)
            {
                return;
            }

            LastStatusCode = response.StatusCode;
            switch (response.StatusCode)
            {
                case >= 200 and < 300:
                    OnRegistered(response);
                    break;
                case 401 or 407:
                    OnChallenge(response);
                    break;
                case 423:
                    // RFC 3261 10.2.8: retry with at least Min-Expires.
                    if (int.TryParse(response.GetHeader(HeaderKind.MinExpires), NumberStyles.None, CultureInfo.InvariantCulture, out var min) && min > _expires)
                    {
                        _expires = min;
                        SendRegister(null, _expires);
                    }
                    else
                    {
                        Fail();
                    }

                    break;
                default:
                    Fail();
                    break;
            }
        }
    }

    void ITransactionUser.OnAck(SipTransaction transaction, SipMessage ack)
    {
    }

    void ITransactionUser.OnTimeout(SipTransaction transaction)
    {
        lock (_gate)
        {
            LastStatusCode = 408;
            Fail();
        }
    }

    void ITransactionUser.OnTransportError(SipTransaction transaction)
    {
        lock (_gate)
        {
            LastStatusCode = 503;
            Fail();
        }
    }

    void ITransactionUser.OnTerminated(SipTransaction transaction)
    {
    }

    private void OnRegistered(SipMessage response)
    {
        _authTried = false;
        _backoff = _options.RetryMin;
        var granted = GrantedExpires(response) ?? _expires;
        RegisteredUntil = _time.GetUtcNow().AddSeconds(granted);
        SetState(TrunkRegistrationState.Registered);
        // Refresh ahead of expiry: 30 s early, but never later than half-way.
        var refresh = TimeSpan.FromSeconds(Math.Max(granted / 2.0, granted - 30.0));
        Schedule(refresh);
    }

    private void OnChallenge(SipMessage response)
    {
        var header = response.StatusCode == 401 ? HeaderKind.WwwAuthenticate : HeaderKind.ProxyAuthenticate;
        DigestChallenge? challenge = null;
        foreach (var value in response.GetHeaderValues(header))
        {
            challenge = DigestChallenge.TryParse(value, out _);
            if (challenge is not null)
            {
                break;
            }
        }

        // A second challenge for a fresh attempt means the password is wrong, unless the nonce went stale.
        if (challenge is null || (_authTried && !challenge.Stale))
        {
            Fail();
            return;
        }

        _authTried = true;
        _nonceCount = challenge.Nonce == _lastNonce ? _nonceCount + 1 : 1;
        _lastNonce = challenge.Nonce;
        var authorization = DigestClient.Authorization(challenge, "REGISTER", _options.RegistrarUri, _options.Username, _options.Password, _nonceCount);
        SendRegister(new(header == HeaderKind.WwwAuthenticate ? "Authorization" : "Proxy-Authorization", authorization), _expires);
    }

    private int? GrantedExpires(SipMessage response)
    {
        foreach (var c in response.Contacts)
        {
            if (c.Uri.Text == _options.ContactUri && int.TryParse(c.GetParameter("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var e))
            {
                return e;
            }
        }

        return int.TryParse(response.GetHeader(HeaderKind.Expires), NumberStyles.None, CultureInfo.InvariantCulture, out var h) ? h : null;
    }

    private void Fail()
    {
        _authTried = false;
        SetState(TrunkRegistrationState.Failed);
        Schedule(_backoff);
        _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _options.RetryMax.Ticks));
    }

    private void Schedule(TimeSpan delay)
    {
        _timer?.Dispose();
        _timer = _time.CreateTimer(
            static s =>
            {
                var self = (TrunkRegistration)s!;
                lock (self._gate)
                {
                    if (!self._stopped)
                    {
                        self._authTried = false;
                        self.SendRegister(null, self._expires);
                    }
                }
            },
            this,
            delay,
            Timeout.InfiniteTimeSpan);
    }

    private void SendRegister(KeyValuePair<string, string>? authorization, int expires)
    {
        if (expires > 0 && State != TrunkRegistrationState.Registered)
        {
            SetState(TrunkRegistrationState.Registering);
        }

        var branch = SipTokens.Branch();
        var b = SipMessageBuilder.Request("REGISTER", _options.RegistrarUri)
            .Add("Via", $"SIP/2.0/{_options.Target.Transport.ToString().ToUpperInvariant()} {_options.SentBy};branch={branch};rport")
            .Add("Max-Forwards", "70")
            .Add("From", $"<{_options.AddressOfRecord}>;tag={_fromTag}")
            .Add("To", $"<{_options.AddressOfRecord}>")
            .Add("Call-ID", _callId)
            .Add("CSeq", string.Create(CultureInfo.InvariantCulture, $"{++_cseq} REGISTER"))
            .Add("Contact", $"<{_options.ContactUri}>")
            .Add("Expires", expires.ToString(CultureInfo.InvariantCulture))
            .Add("User-Agent", "EdgePbx");
        if (authorization is { } a)
        {
            b.Add(a.Key, a.Value);
        }

        _client.SendRequest(b.Build(), _options.Target, this);
    }

    private void SetState(TrunkRegistrationState state)
    {
        if (State != state)
        {
            State = state;
            StateChanged?.Invoke(state);
        }
    }
}
