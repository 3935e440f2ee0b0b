using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Stack;

/// <summary>A request handed to the engine, with the means to answer it through its server transaction.</summary>
public sealed class SipServerRequest
{
    private readonly SipStack _stack;
    private string? _responseVia;

    internal SipServerRequest(SipStack stack, SipInbound inbound, SipTransaction transaction)
    {
        _stack = stack;
        Inbound = inbound;
        Transaction = transaction;
        ToTag = inbound.Message.ToTag ?? SipTokens.Hex(6);
    }

    public SipInbound Inbound { get; }

    public SipMessage Message => Inbound.Message;

    public SipPeer Source => Inbound.Source;

    public SipTransaction Transaction { get; }

    /// <summary>The To tag every response to this request carries (RFC 3261 8.2.6.2).</summary>
    public string ToTag { get; }

    /// <summary>
    /// The top Via every response echoes (RFC 3261 18.2.1, RFC 3581 4), made once: an INVITE is answered 100, 180
    /// and 200 at least. Responses to one request are made on its call's thread, so a race only makes it twice.
    /// </summary>
    internal string ResponseVia => _responseVia ??= Inbound.TopViaForResponse();

    public void Respond(int statusCode, string reasonPhrase, IEnumerable<KeyValuePair<string, string>>? headers = null, ReadOnlyMemory<byte> body = default, string? contentType = null) =>
        _stack.Respond(this, statusCode, reasonPhrase, headers, body, contentType);

    /// <summary>Checks digest credentials (e.g. an INVITE from a desk phone).</summary>
    public AuthOutcome Authenticate() => _stack.Authenticator.Verify(Message, Source.EndPoint.Address);

    /// <summary>Answers 401 with the outcome's challenges, or 403 when the source is blocked.</summary>
    public void Challenge(AuthOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Challenges.Count == 0)
        {
            Respond(403, "Forbidden");
            return;
        }

        Respond(401, "Unauthorized", outcome.Challenges.Select(c => new KeyValuePair<string, string>("WWW-Authenticate", c)));
    }
}
