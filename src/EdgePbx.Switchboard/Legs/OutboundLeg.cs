using System.Globalization;
using System.Net;
using System.Text;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using EdgePbx.Sip.Dialogs;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Calls;
using EdgePbx.Switchboard.Signalling;

namespace EdgePbx.Switchboard.Legs;

/// <summary>
/// One INVITE the box sends for a call (to a registered phone's contact or through the trunk), as the UAC of
/// its own dialog (RFC 3261 12.1.2), with its own RTP session offered before the peer is known. Transaction
/// callbacks arrive on SIP threads and are posted to the call's partition; everything else runs there.
/// </summary>
internal sealed partial class OutboundLeg : ITransactionUser
{
    private readonly CallServices _services;
    private IOutboundLegOwner _owner;
    private readonly OutboundInvite _what;
    private readonly string _fromTag = SipIds.Tag();
    private MediaCapabilities? _caps;
    private SessionDescription? _offer;
    private SipDialog? _dialog;
    private byte[]? _ack;
    private long _inviteCSeq;
    private bool _provisional;
    private bool _cancelPending;
    private bool _cancelSent;

    public OutboundLeg(CallServices services, IOutboundLegOwner owner, string member, string? extension, LegKind kind, SipPeer peer, OutboundInvite what)
    {
        _services = services;
        _owner = owner;
        Member = member;
        Extension = extension;
        Kind = kind;
        Peer = peer;
        _what = what;
        CallId = SipIds.CallId(services.Options.Domain);
        Start = services.Time.GetUtcNow();
    }

    /// <summary>The hunt member this leg rings ("ext:101", "external:138...").</summary>
    public string Member { get; }

    /// <summary>The extension whose line this leg lights, null for external numbers.</summary>
    public string? Extension { get; }

    public LegKind Kind { get; }

    public SipPeer Peer { get; }

    public string CallId { get; }

    public OutboundLegState State { get; private set; }

    /// <summary>The final status of the INVITE (0 while none); 487 when we cancelled it.</summary>
    public int FinalStatus { get; private set; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public RtpSession? Session { get; private set; }

    public NegotiatedMedia? Media { get; private set; }

    /// <summary>True once the session belongs to the call's media (bridged): the leg no longer disposes it.</summary>
    public bool SessionHandedOver { get; set; }

    private string Transport => Peer.Transport == SipTransportKind.Tcp ? "TCP" : "UDP";

    /// <summary>Opens the RTP session, offers it and sends the INVITE; false when no media port is free.</summary>
    /// <param name="preferred">The caller's codec, offered first.</param>
    /// <param name="passThrough">A fax leg: offer the caller's codec alone and no telephone-event, so the bridge passes the G.711 through untouched.</param>
    public bool Send(AudioCodec preferred, bool passThrough = false)
    {
        var o = _services.Options;
        // Until the answer says where to send, point at the discard port of the peer (nothing is sent before the bridge).
        Session = _services.Rtp.Open(new IPEndPoint(Peer.EndPoint.Address, 9), o.MediaTimeout, NullRtpReceiver.Instance);
        if (Session is null)
        {
            return false;
        }

        var codecs = passThrough ? [preferred] : PreferredFirst(o.Codecs, preferred);
        _caps = new MediaCapabilities(codecs, !passThrough, o.MediaAddress, Session.LocalPort);
        _offer = OfferAnswer.CreateOffer(_caps, SipIds.SdpSessionId(), 1);
        var sdp = SdpWriter.WriteUtf8(_offer);
        var invite = OutboundRequests.Invite(_what, CallId, _fromTag, o.SipSentBy, Transport, sdp);
        if (Extension is not null)
        {
            _services.Lines.RingStarted(Extension);
        }

        Invite = invite;
        _inviteCSeq = invite.CSeqNumber;
        _services.Client.SendRequest(invite, Peer, this);
        return true;
    }

    /// <summary>The INVITE sent; null once the leg is detached from its ended call with a dialog to answer a late 2xx from.</summary>
    public SipMessage? Invite { get; private set; }

    /// <summary>Stops a leg that has not answered: CANCEL now, or once a provisional response allows it (RFC 3261 9.1).</summary>
    public void Cancel()
    {
        if (State is OutboundLegState.Answered or OutboundLegState.Ended || _cancelSent)
        {
            return;
        }

        if (_provisional)
        {
            SendCancel();
        }
        else
        {
            _cancelPending = true;
        }
    }

    /// <summary>Hangs up an answered leg with BYE.</summary>
    public void Hangup()
    {
        if (State != OutboundLegState.Answered)
        {
            return;
        }

        SendBye();
        Finish(FinalStatus == 0 ? 200 : FinalStatus);
    }

    /// <summary>
    /// Called once the call has ended and written its record: the leg stops pointing at the call. Its INVITE
    /// transaction lives on for up to 32 s (RFC 6026 Timer M, Timer D) to re-ACK a retransmitted 2xx or to ACK
    /// and BYE a 200 that crossed our CANCEL, and it holds this leg; without this the whole call (media, DTMF
    /// detectors, buffers) stayed reachable that long: 3,200 ended calls at 100 calls/s, most of the daemon's
    /// heap and its GC work in the load run (bench/calls).
    /// </summary>
    public void Detach()
    {
        _owner = new EndedCallOwner(_owner.Key);
        Session = null;

        // A late 2xx is ACKed and hung up from the INVITE and the dialog alone; the offer, the answer and the
        // capabilities (a kilobyte of SDP objects per call, for 32 s) only served the media of the call.
        Media = null;
        _caps = null;
        _offer = null;

        // With a dialog, a late 2xx is ACKed and hung up from the dialog alone (a fork's from ForkFor), so the INVITE
        // (its message and bytes, over a kilobyte and a half) goes too; a CANCEL still waiting for a provisional
        // response, or a leg that never got a dialog, keeps it.
        if (_dialog is not null && !_cancelPending)
        {
            Invite = null;
        }
    }

    /// <summary>The call ends: cancel or hang up as the state requires and close the leg for the record.</summary>
    public void Abandon()
    {
        if (State == OutboundLegState.Answered)
        {
            Hangup();
        }
        else if (State != OutboundLegState.Ended)
        {
            Cancel();
            Finish(487);
        }
    }

    /// <summary>The callee sent BYE: the leg is over (the dialog ends with it).</summary>
    public void OnRemoteBye()
    {
        _dialog?.Terminate();
        Finish(FinalStatus == 0 ? 200 : FinalStatus);
    }

    public SipDialog? Dialog => _dialog;

    void ITransactionUser.OnResponse(SipTransaction transaction, SipMessage response)
    {
        if (transaction.Key.Method == "INVITE")
        {
            _services.Post(_owner.Key, () => OnInviteResponse(response));
        }
    }

    void ITransactionUser.OnAck(SipTransaction transaction, SipMessage ack)
    {
    }

    void ITransactionUser.OnTimeout(SipTransaction transaction)
    {
        if (transaction.Key.Method == "INVITE")
        {
            _services.Post(_owner.Key, () => OnFailure(408));
        }
    }

    void ITransactionUser.OnTransportError(SipTransaction transaction)
    {
        if (transaction.Key.Method == "INVITE")
        {
            _services.Post(_owner.Key, () => OnFailure(503));
        }
    }

    void ITransactionUser.OnTerminated(SipTransaction transaction)
    {
    }

    private void OnInviteResponse(SipMessage response)
    {
        var code = response.StatusCode;
        if (code < 200)
        {
            OnProvisional(response);
        }
        else if (code < 300)
        {
            OnSuccess(response);
        }
        else
        {
            OnFailure(code);
        }
    }

    private void OnProvisional(SipMessage response)
    {
        if (response.StatusCode == 100 || State == OutboundLegState.Ended)
        {
            // RFC 3261 9.1: 100 Trying is provisional too and allows a pending CANCEL.
            _provisional = true;
            if (_cancelPending)
            {
                SendCancel();
            }

            return;
        }

        _provisional = true;
        if (_dialog is null && response.ToTag is not null)
        {
            _dialog = SipDialog.ForUac(Invite!, response);
        }

        if (_cancelPending)
        {
            SendCancel();
            return;
        }

        if (State == OutboundLegState.Calling)
        {
            State = OutboundLegState.Ringing;
            _owner.OnLegRinging(this);
        }
    }

    private void OnSuccess(SipMessage response)
    {
        if (State == OutboundLegState.Answered && _ack is not null)
        {
            // RFC 3261 13.2.2.4: a retransmitted 2xx gets the same ACK again.
            _services.Sender.Send(_ack, Peer);
            return;
        }

        if (_dialog is null || _dialog.Id.RemoteTag != response.ToTag)
        {
            var dialog = Invite is not null ? SipDialog.ForUac(Invite, response) : _dialog!.ForkFor(response, _inviteCSeq);
            if (dialog is null && Invite is null)
            {
                // A fork's 2xx without a usable Contact after the INVITE was let go: nowhere to send an ACK or a BYE.
                return;
            }

            _dialog = dialog;
        }
        else
        {
            _dialog.OnResponse(response);
        }

        SendAck(response);
        if (State == OutboundLegState.Ended)
        {
            // Answered after we gave up on it (CANCEL crossed the 200): ACK, then hang up at once.
            SendBye();
            return;
        }

        var answer = response.Body.IsEmpty ? null : SdpParser.Parse(Encoding.UTF8.GetString(response.Body.Span)).Description;
        var accepted = answer is null ? null : OfferAnswer.AcceptAnswer(_offer!, answer, _caps!);
        if (accepted?.Media is not { } media || !IPAddress.TryParse(media.RemoteAddress, out var address))
        {
            SendBye();
            Finish(488);
            _owner.OnLegEnded(this);
            return;
        }

        Media = media;
        Session!.SetRemoteEndPoint(new IPEndPoint(address, media.RemotePort));
        State = OutboundLegState.Answered;
        FinalStatus = response.StatusCode;
        AnsweredAt = _services.Time.GetUtcNow();
        if (Extension is not null)
        {
            _services.Lines.Answered(Extension);
        }

        _owner.OnLegAnswered(this, response);
    }

    private void OnFailure(int code)
    {
        if (State == OutboundLegState.Ended)
        {
            return;
        }

        Finish(code);
        _owner.OnLegEnded(this);
    }

    private void Finish(int status)
    {
        if (State == OutboundLegState.Ended)
        {
            return;
        }

        if (Extension is not null)
        {
            if (State == OutboundLegState.Answered)
            {
                _services.Lines.HungUp(Extension);
            }
            else
            {
                _services.Lines.RingStopped(Extension);
            }
        }

        State = OutboundLegState.Ended;
        FinalStatus = status;
        EndedAt = _services.Time.GetUtcNow();
        _services.Registry.RemoveLeg(CallId);
        if (!SessionHandedOver)
        {
            Session?.Dispose();
        }
    }

    private void SendCancel()
    {
        _cancelPending = false;
        _cancelSent = true;
        _services.Client.SendRequest(OutboundRequests.Cancel(Invite!), Peer, this);
    }

    private void SendAck(SipMessage response)
    {
        if (_dialog is not null)
        {
            _ack = _dialog.CreateAck(_inviteCSeq, _services.Options.SipSentBy, Transport).ToBytes();
        }
        else
        {
            // A 2xx without a usable Contact: ACK to the Request-URI so the callee stops retransmitting.
            _ack = SipMessageBuilder.Request("ACK", Invite!.RequestTarget)
                .Add("Via", $"SIP/2.0/{Transport} {_services.Options.SipSentBy};branch={SipIds.Branch()};rport")
                .Add("Max-Forwards", "70")
                .Add("From", Invite.GetHeader(HeaderKind.From)!)
                .Add("To", response.GetHeader(HeaderKind.To)!)
                .Add("Call-ID", CallId)
                .Add("CSeq", string.Create(CultureInfo.InvariantCulture, $"{Invite.CSeqNumber} ACK"))
                .ToBytes();
        }

        _services.Sender.Send(_ack, Peer);
    }

    private void SendBye()
    {
        if (_dialog is null || _dialog.State == DialogState.Terminated)
        {
            return;
        }

        var bye = _dialog.CreateRequest("BYE", _services.Options.SipSentBy, Transport).Build();
        _dialog.Terminate();
        _services.Client.SendRequest(bye, Peer, this);
    }

    /// <summary>
    /// Our codecs with the caller's first and the rest in our order (what a stable sort on "is it the caller's"
    /// gives); our own list itself when it already is in that order, as it is for most calls.
    /// </summary>
    internal static IReadOnlyList<AudioCodec> PreferredFirst(IReadOnlyList<AudioCodec> ours, AudioCodec preferred)
    {
        var otherSeen = false;
        var inOrder = true;
        for (var i = 0; i < ours.Count && inOrder; i++)
        {
            otherSeen |= ours[i] != preferred;
            inOrder = !(otherSeen && ours[i] == preferred);
        }

        if (inOrder)
        {
            return ours;
        }

        var ordered = new AudioCodec[ours.Count];
        var at = 0;
        for (var i = 0; i < ours.Count; i++)
        {
            if (ours[i] == preferred)
            {
                ordered[at++] = preferred;
            }
        }

        for (var i = 0; i < ours.Count; i++)
        {
            if (ours[i] != preferred)
            {
                ordered[at++] = ours[i];
            }
        }

        return ordered;
    }
}
