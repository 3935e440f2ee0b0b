using System.Globalization;

namespace EdgePbx.Media.Sdp;

/// <summary>
/// RFC 3264 offer/answer for one audio stream per leg. The answer has exactly as many m= lines as the
/// offer, in the same order (6); the first usable audio stream is accepted, every other one is rejected with
/// port 0, keeping the offered formats because an m= line needs at least one (RFC 4566 5.14).
/// </summary>
public static class OfferAnswer
{
    public static SessionDescription CreateOffer(MediaCapabilities local, ulong sessionId, ulong version)
    {
        ArgumentNullException.ThrowIfNull(local);
        var formats = new List<string>(local.Codecs.Count + 1);
        var maps = new List<RtpMap>(local.Codecs.Count + 1);
        for (var i = 0; i < local.Codecs.Count; i++)
        {
            var map = MapFor(local.Codecs[i]);
            formats.Add(SdpStrings.PayloadType(map.PayloadType));
            maps.Add(map);
        }

        if (local.TelephoneEvents)
        {
            const int te = MediaCapabilities.DefaultTelephoneEventPayloadType;
            formats.Add(SdpStrings.PayloadType(te));
            maps.Add(new RtpMap(te, "telephone-event", 8000, 1, "0-16"));
        }

        var media = new MediaDescription("audio", local.Port, "RTP/AVP", formats, maps, null, local.Direction, local.PacketTimeMs, []);
        return new SessionDescription(Origin(local, sessionId, version), "EdgePbx", new SdpConnection(local.AddressType, local.Address), null, [media]);
    }

    /// <summary>RFC 3264 6: build our answer to a remote offer.</summary>
    public static AnswerResult CreateAnswer(SessionDescription offer, MediaCapabilities local, ulong sessionId, ulong version)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        var answerMedia = new List<MediaDescription>(offer.Media.Count);
        NegotiatedMedia? chosen = null;
        string reason = offer.Media.Count == 0 ? "offer has no m= line" : "no offered stream has PCMU or PCMA over RTP/AVP";

        for (var i = 0; i < offer.Media.Count; i++)
        {
            var m = offer.Media[i];
            if (chosen is null && !m.IsRejected && m.IsRtpAudio && offer.ConnectionFor(m) is { } connection)
            {
                var pick = Pick(m, local);
                if (pick is { } p)
                {
                    var remoteDirection = offer.DirectionFor(m);
                    var direction = AnswerDirection(remoteDirection, local.Direction);
                    var count = 2 + p.OtherCodecs.Count;
                    var formats = new List<string>(count) { SdpStrings.PayloadType(p.Map.PayloadType) };
                    var maps = new List<RtpMap>(count) { p.Map };
                    for (var k = 0; k < p.OtherCodecs.Count; k++)
                    {
                        var extra = p.OtherCodecs[k];
                        formats.Add(SdpStrings.PayloadType(extra.PayloadType));
                        maps.Add(extra);
                    }

                    if (p.TelephoneEvent is { } te)
                    {
                        formats.Add(SdpStrings.PayloadType(te.PayloadType));
                        maps.Add(te);
                    }

                    var ptime = m.PacketTimeMs ?? local.PacketTimeMs;
                    answerMedia.Add(new MediaDescription("audio", local.Port, m.Protocol, formats, maps, null, direction, m.PacketTimeMs, []));
                    chosen = new NegotiatedMedia(
                        i,
                        connection.Address,
                        m.Port,
                        p.Codec,
                        p.Map.PayloadType,
                        p.TelephoneEvent?.PayloadType,
                        ptime,
                        // RFC 3264 8.4: c=0.0.0.0 from an old-style hold means "do not send to me".
                        connection.IsNullAddress ? AnswerDirection(MediaDirection.SendOnly, direction) : direction);
                    continue;
                }
            }

            answerMedia.Add(Rejected(m));
        }

        if (chosen is null)
        {
            return new AnswerResult(null, null, reason);
        }

        var answer = new SessionDescription(Origin(local, sessionId, version), "EdgePbx", new SdpConnection(local.AddressType, local.Address), null, answerMedia);
        return new AnswerResult(answer, chosen, null);
    }

    /// <summary>RFC 3264 7: read the answer to an offer we made.</summary>
    public static AnswerResult AcceptAnswer(SessionDescription offer, SessionDescription answer, MediaCapabilities local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(local);
        if (answer.Media.Count != offer.Media.Count)
        {
            return new AnswerResult(null, null, "answer m= line count differs from the offer (RFC 3264 6)");
        }

        for (var i = 0; i < answer.Media.Count; i++)
        {
            var m = answer.Media[i];
            if (m.IsRejected || !m.IsRtpAudio || answer.ConnectionFor(m) is not { } connection)
            {
                continue;
            }

            var pick = Pick(m, local);
            if (pick is not { } p)
            {
                continue;
            }

            var remote = answer.DirectionFor(m);
            var direction = remote switch
            {
                MediaDirection.SendOnly => MediaDirection.ReceiveOnly,
                MediaDirection.ReceiveOnly => MediaDirection.SendOnly,
                MediaDirection.Inactive => MediaDirection.Inactive,
                _ => local.Direction,
            };
            var negotiated = new NegotiatedMedia(i, connection.Address, m.Port, p.Codec, p.Map.PayloadType, p.TelephoneEvent?.PayloadType, m.PacketTimeMs ?? local.PacketTimeMs, direction);
            return new AnswerResult(answer, negotiated, null);
        }

        return new AnswerResult(null, null, "answer accepted no audio stream we can carry");
    }

    /// <summary>RFC 3264 6.1: sendonly is answered recvonly, recvonly with sendonly, inactive with inactive.</summary>
    public static MediaDirection AnswerDirection(MediaDirection offered, MediaDirection wanted) => (offered, wanted) switch
    {
        (MediaDirection.Inactive, _) or (_, MediaDirection.Inactive) => MediaDirection.Inactive,
        (MediaDirection.SendOnly, MediaDirection.SendOnly) => MediaDirection.Inactive,
        (MediaDirection.SendOnly, _) => MediaDirection.ReceiveOnly,
        (MediaDirection.ReceiveOnly, MediaDirection.ReceiveOnly) => MediaDirection.Inactive,
        (MediaDirection.ReceiveOnly, _) => MediaDirection.SendOnly,
        _ => wanted,
    };

    public static RtpMap MapFor(AudioCodec codec) =>
        StaticPayloadTypes.Find(codec == AudioCodec.Pcmu ? StaticPayloadTypes.Pcmu : StaticPayloadTypes.Pcma)!;

    private static MediaDescription Rejected(MediaDescription offered) =>
        new(offered.Media, 0, offered.Protocol, offered.Formats, [], null, null, null, []);

    private static Pick? Pick(MediaDescription m, MediaCapabilities local)
    {
        // The offerer's order is its preference (RFC 3264 5.1); we take the first format we support and
        // also list the other G.711 we take so that a later re-offer can switch without a new negotiation.
        RtpMap? first = null;
        AudioCodec firstCodec = default;
        List<RtpMap>? others = null;
        RtpMap? telephoneEvent = null;
        for (var i = 0; i < m.Formats.Count; i++)
        {
            var format = m.Formats[i];
            if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || m.FindRtpMap(pt) is not { } map)
            {
                continue;
            }

            if (map.Is("telephone-event", 8000))
            {
                telephoneEvent ??= map;
                continue;
            }

            AudioCodec? codec = map.Is("PCMU", 8000) ? AudioCodec.Pcmu : map.Is("PCMA", 8000) ? AudioCodec.Pcma : null;
            if (codec is not { } c || !local.Codecs.Contains(c) || map.Channels != 1)
            {
                continue;
            }

            if (first is null)
            {
                first = map;
                firstCodec = c;
            }
            else
            {
                (others ??= []).Add(map);
            }
        }

        return first is null ? null : new Pick(first, firstCodec, others ?? (IReadOnlyList<RtpMap>)[], local.TelephoneEvents ? telephoneEvent : null);
    }

    private static SdpOrigin Origin(MediaCapabilities local, ulong sessionId, ulong version) =>
        new("edgepbx", sessionId, version, local.AddressType, local.Address);
}
