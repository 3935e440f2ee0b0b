using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Web.Tests.Support;

/// <summary>The SIP side of the test box: keeps every request the notifier sends (message-summary NOTIFYs) instead of putting it on the wire.</summary>
public sealed class CapturingSipClient : ISipClient, ISipSender
{
    private readonly List<(SipMessage Request, SipPeer Target)> _sent = [];

    public IReadOnlyList<(SipMessage Request, SipPeer Target)> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public SipTransaction SendRequest(SipMessage request, SipPeer target, ITransactionUser user)
    {
        lock (_sent)
        {
            _sent.Add((request, target));
        }

        return new ClientNonInviteTransaction(request, target, this, user, TimeProvider.System, TransactionTimers.Default);
    }

    public bool Send(ReadOnlyMemory<byte> data, SipPeer target) => true;
}
