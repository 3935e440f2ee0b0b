using System.Globalization;
using System.Net;
using System.Text;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using EdgePbx.Sip.Dialogs;
using EdgePbx.Sip.Stack;
using EdgePbx.Switchboard.Calls;
using EdgePbx.Switchboard.Signalling;

namespace EdgePbx.Switchboard.Legs;

/// <summary>
/// The caller's side of a call: the INVITE we answer as UAS (RFC 3261 12.1.1), its SDP answer (made once,
/// sent in the 183 and again in the 200 as RFC 3264 requires) and its RTP session on the box.
/// </summary>
internal sealed class InboundLeg(CallServices services, SipServerRequest invite, string calledUser)
{
    private byte[]? _answerSdp;
    private SessionDescription? _answer;
    private ulong _sdpSession;
    private ulong _sdpVersion = 1;

    public SipServerRequest Invite { get; } = invite;

    public DateTimeOffset Start { get; } = services.Time.GetUtcNow();

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>The final status we sent (0 while none).</summary>
    public int FinalStatus { get; private set; }

    public bool EarlyMediaSent { get; private set; }

    public NegotiatedMedia? Media { get; private set; }

    public SipDialog? Dialog { get; private set; }

    private string Contact => $"<sip:{calledUser}@{services.Options.SipSentBy}>";

    /// <summary>
    /// Answers the caller's offer and opens the caller's RTP session. Null and a status when the offer is
    /// missing or unusable (488) or no media port is free (503).
    /// </summary>
    public RtpSession? Negotiate(out int failStatus, out string failReason)
    {
        failStatus = 0;
        failReason = string.Empty;
        var body = Invite.Message.Body;
        if (body.IsEmpty)
        {
            // Offerless INVITEs (offer in our 200, answer in the ACK) are not supported yet.
            failStatus = 488;
            failReason = "INVITE without SDP offer";
            return null;
        }

        var parsed = SdpParser.Parse(Encoding.UTF8.GetString(body.Span));
        if (parsed.Description is not { } offer)
        {
            failStatus = 488;
            failReason = parsed.Error ?? "bad SDP";
            return null;
        }

        var o = services.Options;
        _sdpSession = SipIds.SdpSessionId();
        var probe = OfferAnswer.CreateAnswer(offer, new MediaCapabilities(o.Codecs, true, o.MediaAddress, 0), _sdpSession, _sdpVersion);
        if (probe.Media is not { } media || !IPAddress.TryParse(media.RemoteAddress, out var address))
        {
            failStatus = 488;
            failReason = probe.NotAcceptableReason ?? "offer has no usable address";
            return null;
        }

        var session = services.Rtp.Open(new IPEndPoint(address, media.RemotePort), o.MediaTimeout, NullRtpReceiver.Instance);
        if (session is null)
        {
            failStatus = 503;
            failReason = "no free RTP port";
            return null;
        }

        var result = OfferAnswer.CreateAnswer(offer, new MediaCapabilities(o.Codecs, true, o.MediaAddress, session.LocalPort), _sdpSession, _sdpVersion);
        Media = result.Media;
        _answer = result.Answer;
        _answerSdp = SdpWriter.WriteUtf8(result.Answer!);
        return session;
    }

    /// <summary>183 Session Progress with our SDP: the caller hears what we play from now on.</summary>
    public void SendEarlyMedia()
    {
        if (EarlyMediaSent || FinalStatus != 0)
        {
            return;
        }

        EarlyMediaSent = true;
        Invite.Respond(183, "Session Progress", [new("Contact", Contact)], _answerSdp, "application/sdp");
    }

    public void Answer()
    {
        if (FinalStatus != 0)
        {
            return;
        }

        FinalStatus = 200;
        AnsweredAt = services.Time.GetUtcNow();
        Dialog = SipDialog.ForUas(Invite.Message, Invite.ToTag, confirmed: true);
        Invite.Respond(200, "OK", [new("Contact", Contact), new("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE")], _answerSdp, "application/sdp");
    }

    public void Reject(int status, string reasonPhrase, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        if (FinalStatus != 0)
        {
            return;
        }

        FinalStatus = status;
        Invite.Respond(status, reasonPhrase, headers);
    }

    /// <summary>We hang up on the caller (the callee left, the call ran too long, media died).</summary>
    public void Hangup()
    {
        if (Dialog is null || Dialog.State == DialogState.Terminated)
        {
            return;
        }

        var transport = Invite.Source.Transport == Sip.Transport.SipTransportKind.Tcp ? "TCP" : "UDP";
        var bye = Dialog.CreateRequest("BYE", services.Options.SipSentBy, transport).Build();
        Dialog.Terminate();
        services.Client.SendRequest(bye, Invite.Source, NoTransactionUser.Instance);
    }

    /// <summary>The caller sent BYE.</summary>
    public void OnRemoteBye() => Dialog?.Terminate();

    /// <summary>
    /// A re-INVITE (hold, resume, session refresh): we keep anchoring the media, so the answer is our same
    /// session description (RFC 3264 8: unchanged, same version); a new remote address is followed.
    /// </summary>
    public (byte[]? Sdp, IPEndPoint? NewRemote) AnswerReoffer(ReadOnlyMemory<byte> body)
    {
        if (_answer is null || body.IsEmpty)
        {
            return (_answerSdp, null);
        }

        var parsed = SdpParser.Parse(Encoding.UTF8.GetString(body.Span));
        if (parsed.Description is not { } offer)
        {
            return (null, null);
        }

        var o = services.Options;
        var port = _answer.Media.Count > 0 ? _answer.Media[0].Port : 0;
        var result = OfferAnswer.CreateAnswer(offer, new MediaCapabilities(o.Codecs, true, o.MediaAddress, port), _sdpSession, _sdpVersion);
        if (result.Media is not { } media || !IPAddress.TryParse(media.RemoteAddress, out var address))
        {
            return (null, null);
        }

        var text = SdpWriter.Write(result.Answer!);
        if (!string.Equals(text, Encoding.UTF8.GetString(_answerSdp!), StringComparison.Ordinal))
        {
            _sdpVersion++;
            text = SdpWriter.Write(result.Answer! with { Origin = result.Answer!.Origin with { SessionVersion = _sdpVersion } });
        }

        _answerSdp = Encoding.UTF8.GetBytes(text);
        return (_answerSdp, media.RemotePort == 0 ? null : new IPEndPoint(address, media.RemotePort));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"inbound {Invite.Message.CallId}");
}
