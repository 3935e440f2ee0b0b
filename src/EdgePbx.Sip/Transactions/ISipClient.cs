using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Transactions;

/// <summary>Starts client transactions (RFC 3261 17.1); <see cref="Stack.SipStack"/> implements it.</summary>
public interface ISipClient
{
    SipTransaction SendRequest(SipMessage request, SipPeer target, ITransactionUser user);
}
