using System.Globalization;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Dialogs;

/// <summary>
/// Dialog state of RFC 3261 12: route set, remote target, local and remote CSeq, and in-dialog
/// request construction with loose routing (12.2.1.1). Methods are not thread-safe: the engine
/// handles a call's events one at a time.
/// </summary>
public sealed class SipDialog
{
    private SipDialog(DialogId id, string localUri, string remoteUri, string remoteTarget, IReadOnlyList<string> routeSet, long localSeq, long remoteSeq, DialogState state)
    {
        Id = id;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        LocalSeq = localSeq;
        RemoteSeq = remoteSeq;
        State = state;
    }

    public DialogId Id { get; private set; }

    public string LocalUri { get; }

    public string RemoteUri { get; }

    /// <summary>Where in-dialog requests go: the peer's Contact URI (refreshed by re-INVITE/UPDATE, 12.2).</summary>
    public string RemoteTarget { get; private set; }

    /// <summary>Route header values in the order our requests carry them.</summary>
    public IReadOnlyList<string> RouteSet { get; }

    public long LocalSeq { get; private set; }

    /// <summary>0 means "not yet known" (12.1.2: the UAC learns it from the first request it receives).</summary>
    public long RemoteSeq { get; private set; }

    public DialogState State { get; private set; }

    /// <summary>
    /// A confirmed dialog rebuilt from saved state (a subscription reloaded after a restart). RFC 3261 12.2.1.1
    /// only asks our CSeq to keep increasing, so the caller passes one past anything sent before the restart.
    /// </summary>
    public static SipDialog Restore(DialogId id, string localUri, string remoteUri, string remoteTarget, IReadOnlyList<string> routeSet, long localSeq, long remoteSeq) =>
        new(id, localUri, remoteUri, remoteTarget, routeSet, localSeq, remoteSeq, DialogState.Confirmed);

    /// <summary>
    /// RFC 3261 12.1.1: the UAS side, from the INVITE and the To tag of our 1xx/2xx. Route set = the
    /// Record-Route values in order; remote target = the request's Contact.
    /// </summary>
    public static SipDialog? ForUas(SipMessage request, string localTag, bool confirmed)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contact = request.Contacts.Count == 1 ? request.Contacts[0].Uri.Text : null;
        var routes = request.ParseAddressList(HeaderKind.RecordRoute, out var error);
        if (contact is null || routes is null || request.FromTag is null)
        {
            return null;
        }

        return new SipDialog(
            new DialogId(request.CallId, localTag, request.FromTag),
            request.To.Uri.Text,
            request.From.Uri.Text,
            contact,
            RouteValues(routes, reversed: false),
            LocalStartSeq(),
            request.CSeqNumber,
            confirmed ? DialogState.Confirmed : DialogState.Early);
    }

    /// <summary>
    /// RFC 3261 12.1.2: the UAC side, from our request and a 1xx (with To tag) or 2xx. Route set =
    /// the response's Record-Route in reverse; remote target = the response's Contact.
    /// </summary>
    public static SipDialog? ForUac(SipMessage request, SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        return request.FromTag is null ? null : Uac(request.CallId, request.FromTag, request.From.Uri.Text, request.To.Uri.Text, request.CSeqNumber, response);
    }

    /// <summary>
    /// UAC: the dialog another response with a To tag of its own makes for the same INVITE (a fork, RFC 3261 12.1.2
    /// and 13.2.2.4): this dialog's Call-ID, local tag and URIs with that response's tag, Contact and Record-Route.
    /// What a late 2xx needs once the INVITE itself has been let go.
    /// </summary>
    /// <param name="response">The 1xx or 2xx of the fork.</param>
    /// <param name="inviteCSeq">The INVITE's CSeq number (this dialog's own may have gone past it, with a BYE).</param>
    public SipDialog? ForkFor(SipMessage response, long inviteCSeq)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Uac(Id.CallId, Id.LocalTag, LocalUri, RemoteUri, inviteCSeq, response);
    }

    private static SipDialog? Uac(string callId, string localTag, string localUri, string remoteUri, long cseq, SipMessage response)
    {
        var contact = response.Contacts.Count == 1 ? response.Contacts[0].Uri.Text : null;
        var routes = response.ParseAddressList(HeaderKind.RecordRoute, out _);
        if (contact is null || routes is null || response.ToTag is null || response.StatusCode is < 101 or >= 300)
        {
            return null;
        }

        return new SipDialog(
            new DialogId(callId, localTag, response.ToTag),
            localUri,
            remoteUri,
            contact,
            RouteValues(routes, reversed: true),
            cseq,
            0,
            response.StatusCode >= 200 ? DialogState.Confirmed : DialogState.Early);
    }

    /// <summary>UAC: a 2xx confirms an early dialog and refreshes the remote target (12.1.2, 12.2.1.2).</summary>
    public void OnResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (State == DialogState.Terminated)
        {
            return;
        }

        if (response.StatusCode is >= 200 and < 300)
        {
            State = DialogState.Confirmed;
            RefreshTarget(response);
        }
        else if (response.StatusCode >= 300 && State == DialogState.Early)
        {
            State = DialogState.Terminated;
        }
    }

    /// <summary>
    /// RFC 3261 12.2.2: checks an in-dialog request's CSeq (lower than the last one is out of order:
    /// answer 500), remembers it, refreshes the target on re-INVITE/UPDATE and ends on BYE.
    /// Returns null when acceptable, otherwise the reason for a 500.
    /// </summary>
    public string? OnRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method is "ACK" or "CANCEL")
        {
            return null;
        }

        if (RemoteSeq != 0 && request.CSeqNumber <= RemoteSeq)
        {
            return "CSeq out of order";
        }

        RemoteSeq = request.CSeqNumber;
        if (request.Method is "INVITE" or "UPDATE")
        {
            RefreshTarget(request);
        }
        else if (request.Method == "BYE")
        {
            State = DialogState.Terminated;
        }

        return null;
    }

    /// <summary>
    /// RFC 3261 12.2.1.1: a request inside the dialog (BYE, re-INVITE, INFO, UPDATE, REFER) with the
    /// next local CSeq. Loose routing: Request-URI = remote target, Route = the route set; a strict
    /// first route (no ;lr) becomes the Request-URI and the remote target goes last.
    /// </summary>
    public SipMessageBuilder CreateRequest(string method, string viaSentBy, string transport = "UDP")
    {
        ArgumentNullException.ThrowIfNull(method);
        var seq = method == "ACK" ? LocalSeq : ++LocalSeq;
        return Build(method, seq, viaSentBy, transport, SipTokens.Branch());
    }

    /// <summary>RFC 3261 13.2.2.4: the ACK for a 2xx is its own transaction with the INVITE's CSeq number.</summary>
    public SipMessageBuilder CreateAck(long inviteSeq, string viaSentBy, string transport = "UDP") =>
        Build("ACK", inviteSeq, viaSentBy, transport, SipTokens.Branch());

    public void Terminate() => State = DialogState.Terminated;

    private SipMessageBuilder Build(string method, long seq, string viaSentBy, string transport, string branch)
    {
        var routes = RouteSet;
        var target = RemoteTarget;

        // 12.2.1.1 strict routing: the first route becomes the Request-URI and the remote target goes last.
        var strict = routes.Count > 0 && !IsLooseRoute(routes[0]);
        if (strict)
        {
            target = NameAddressUri(routes[0]);
        }

        var b = SipMessageBuilder.Request(method, target)
            .Add("Via", $"SIP/2.0/{transport} {viaSentBy};branch={branch};rport")
            .Add("Max-Forwards", "70")
            .Add("From", $"<{LocalUri}>;tag={Id.LocalTag}")
            .Add("To", $"<{RemoteUri}>;tag={Id.RemoteTag}")
            .Add("Call-ID", Id.CallId)
            .Add("CSeq", string.Create(CultureInfo.InvariantCulture, $"{seq} {method}"));
        for (var i = strict ? 1 : 0; i < routes.Count; i++)
        {
            b.Add("Route", routes[i]);
        }

        if (strict)
        {
            b.Add("Route", $"<{RemoteTarget}>");
        }

        return b;
    }

    /// <summary>The Record-Route values as Route values, in order or (UAC, 12.1.2) reversed; most dialogs have none.</summary>
    private static string[] RouteValues(IReadOnlyList<NameAddress> recordRoutes, bool reversed)
    {
        if (recordRoutes.Count == 0)
        {
            return [];
        }

        var values = new string[recordRoutes.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[reversed ? values.Length - 1 - i : i] = recordRoutes[i].ToString();
        }

        return values;
    }

    private void RefreshTarget(SipMessage message)
    {
        if (message.Contacts.Count == 1)
        {
            RemoteTarget = message.Contacts[0].Uri.Text;
        }
    }

    private static bool IsLooseRoute(string route)
    {
        var uri = SipUri.Parse(NameAddressUri(route));
        return uri.GetParameter("lr") is not null;
    }

    private static string NameAddressUri(string nameAddr)
    {
        var start = nameAddr.IndexOf('<', StringComparison.Ordinal);
        var end = nameAddr.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? nameAddr[(start + 1)..end] : nameAddr;
    }

    /// <summary>12.1.1: local CSeq starts random-ish but well below 2**31 so it can grow.</summary>
    private static long LocalStartSeq() => SipTokens.Number(1, 1 << 16);
}
