using System.Globalization;
using System.Text;
using EdgePbx.Sip.Dialogs;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using EdgePbx.Switchboard.Signalling;

namespace EdgePbx.Switchboard.Transfer;

/// <summary>
/// RFC 3515 2.4.4-2.4.7: the NOTIFYs of the implicit "refer" subscription, in the transferor's dialog, each
/// with a message/sipfrag (RFC 3420) status line of the call to the transfer target.
/// </summary>
internal static class ReferNotifier
{
    public static void Send(ISipClient client, SipDialog dialog, SipPeer peer, string sentBy, int status, string reason, bool final)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(dialog);
        if (dialog.State == DialogState.Terminated)
        {
            return;
        }

        var transport = peer.Transport == SipTransportKind.Tcp ? "TCP" : "UDP";
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"SIP/2.0 {status} {reason}\r\n"));
        var notify = dialog.CreateRequest("NOTIFY", sentBy, transport)
            .Add("Event", "refer")
            .Add("Subscription-State", final ? "terminated;reason=noresource" : "active;expires=60")
            .WithBody(body, "message/sipfrag;version=2.0")
            .Build();
        client.SendRequest(notify, peer, NoTransactionUser.Instance);
    }
}
