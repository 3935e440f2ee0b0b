using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Subscriptions;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Stack;

public sealed record SipStackOptions
{
    public required SipTransportOptions Transport { get; init; }

    public DigestAuthenticatorOptions Auth { get; init; } = new();

    public RegistrarOptions Registrar { get; init; } = new();

    public QualifyOptions Qualify { get; init; } = new();

    public SubscriptionOptions Subscriptions { get; init; } = new();

    public TransactionTimers Timers { get; init; } = TransactionTimers.Default;

    /// <summary>Requests whose User-Agent contains one of these (case-insensitive) are dropped unanswered.</summary>
    public IReadOnlyList<string> ScannerUserAgents { get; init; } = ["friendly-scanner", "sipvicious", "sipcli", "sip-scan", "VaxSIPUserAgent", "iWar", "sundayddr"];

    /// <summary>Server header value on our responses.</summary>
    public string ServerName { get; init; } = "EdgePbx";

    public string Allow { get; init; } = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, INFO, UPDATE, REFER, NOTIFY, SUBSCRIBE";
}
