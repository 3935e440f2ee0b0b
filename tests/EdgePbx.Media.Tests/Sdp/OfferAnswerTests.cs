using EdgePbx.Media.Sdp;

namespace EdgePbx.Media.Tests.Sdp;

public sealed class OfferAnswerTests
{
    // RFC 3264 10.1, Alice's offer: audio (PCMU, PCMA, iLBC) and video.
    private const string Rfc3264Offer =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com\r\n" +
        "s=\r\n" +
        "c=IN IP4 host.atlanta.example.com\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 97\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:97 iLBC/8000\r\n" +
        "m=video 51372 RTP/AVP 31 32\r\n" +
        "a=rtpmap:31 H261/90000\r\n" +
        "a=rtpmap:32 MPV/90000\r\n";

    // RFC 3264 10.1, Bob's answer.
    private const string Rfc3264Answer =
        "v=0\r\n" +
        "o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com\r\n" +
        "s=\r\n" +
        "c=IN IP4 host.biloxi.example.com\r\n" +
        "t=0 0\r\n" +
        "m=audio 49174 RTP/AVP 0\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "m=video 49170 RTP/AVP 32\r\n" +
        "a=rtpmap:32 MPV/90000\r\n";

    private static readonly MediaCapabilities Local = new([AudioCodec.Pcmu, AudioCodec.Pcma], true, "192.0.2.10", 40000);

    private static SessionDescription Parse(string text)
    {
        var result = SdpParser.Parse(text);
        Assert.True(result.Success, result.Error);
        return result.Description!;
    }

    [Fact]
    public void Rfc3264_10_1_answer_accepts_audio_in_offer_order_and_rejects_video_with_port_zero()
    {
        var result = OfferAnswer.CreateAnswer(Parse(Rfc3264Offer), Local, 1, 1);

        Assert.True(result.Acceptable);
        var answer = result.Answer!;
        Assert.Equal(2, answer.Media.Count);
        Assert.Equal(40000, answer.Media[0].Port);
        Assert.Equal(["0", "8"], answer.Media[0].Formats);
        Assert.Equal("video", answer.Media[1].Media);
        Assert.Equal(0, answer.Media[1].Port);
        Assert.Equal(["31", "32"], answer.Media[1].Formats);
        Assert.Equal(AudioCodec.Pcmu, result.Media!.Codec);
        Assert.Equal("host.atlanta.example.com", result.Media.RemoteAddress);
        Assert.Equal(49170, result.Media.RemotePort);
        Assert.Null(result.Media.TelephoneEventPayloadType);
    }

    [Fact]
    public void Rfc3264_10_1_bobs_answer_read_as_answer_to_our_offer_selects_pcmu_at_49174()
    {
        var result = OfferAnswer.AcceptAnswer(Parse(Rfc3264Offer), Parse(Rfc3264Answer), Local);

        Assert.True(result.Acceptable, result.NotAcceptableReason);
        Assert.Equal(0, result.Media!.MediaIndex);
        Assert.Equal("host.biloxi.example.com", result.Media.RemoteAddress);
        Assert.Equal(49174, result.Media.RemotePort);
        Assert.Equal(AudioCodec.Pcmu, result.Media.Codec);
    }

    [Fact]
    public void Answer_written_and_parsed_again_keeps_every_field()
    {
        var answer = OfferAnswer.CreateAnswer(Parse(Rfc3264Offer), Local, 7, 8).Answer!;
        var text = SdpWriter.Write(answer);

        Assert.StartsWith("v=0\r\no=edgepbx 7 8 IN IP4 192.0.2.10\r\ns=EdgePbx\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 8\r\n", text, StringComparison.Ordinal);
        Assert.Contains("m=video 0 RTP/AVP 31 32\r\n", text, StringComparison.Ordinal);
        var again = Parse(text);
        Assert.Equal(answer.Media.Count, again.Media.Count);
        Assert.Equal(answer.Media[0].Formats, again.Media[0].Formats);
        Assert.Equal(answer.Media[0].Direction, again.Media[0].Direction);
    }

    [Fact]
    public void Offer_preferring_pcma_is_answered_with_pcma_first()
    {
        var offer = Parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 8 0\r\n");
        var result = OfferAnswer.CreateAnswer(offer, Local, 1, 1);

        Assert.Equal(AudioCodec.Pcma, result.Media!.Codec);
        Assert.Equal(["8", "0"], result.Answer!.Media[0].Formats);
    }

    [Fact]
    public void Telephone_event_is_answered_with_the_offerers_payload_type()
    {
        var offer = Parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0 96\r\na=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-15\r\na=ptime:30\r\n");
        var result = OfferAnswer.CreateAnswer(offer, Local, 1, 1);

        Assert.Equal(96, result.Media!.TelephoneEventPayloadType);
        Assert.Equal(30, result.Media.PacketTimeMs);
        var text = SdpWriter.Write(result.Answer!);
        Assert.Contains("a=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-15\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=ptime:30\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sendonly", MediaDirection.ReceiveOnly)]
    [InlineData("recvonly", MediaDirection.SendOnly)]
    [InlineData("inactive", MediaDirection.Inactive)]
    [InlineData("sendrecv", MediaDirection.SendReceive)]
    public void Rfc3264_6_1_direction_is_mirrored_in_the_answer(string offered, MediaDirection expected)
    {
        var offer = Parse($"v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\na={offered}\r\n");
        var result = OfferAnswer.CreateAnswer(offer, Local, 1, 1);

        Assert.Equal(expected, result.Media!.LocalDirection);
        Assert.Equal(expected, result.Answer!.Media[0].Direction);
    }

    [Fact]
    public void Session_level_sendonly_hold_applies_to_media_without_its_own_direction()
    {
        var offer = Parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\na=sendonly\r\nm=audio 5004 RTP/AVP 0\r\n");
        var result = OfferAnswer.CreateAnswer(offer, Local, 1, 1);

        Assert.Equal(MediaDirection.ReceiveOnly, result.Media!.LocalDirection);
        Assert.False(result.Media.WeSend);
    }

    [Fact]
    public void Old_style_hold_with_null_connection_address_stops_us_sending()
    {
        var offer = Parse("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n");
        var result = OfferAnswer.CreateAnswer(offer, Local, 1, 1);

        Assert.False(result.Media!.WeSend);
    }

    [Fact]
    public void Media_level_connection_overrides_session_level()
    {
        var offer = Parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\nc=IN IP4 10.0.0.99\r\n");

        Assert.Equal("10.0.0.99", OfferAnswer.CreateAnswer(offer, Local, 1, 1).Media!.RemoteAddress);
    }

    [Fact]
    public void Offer_with_only_unsupported_codecs_is_not_acceptable_for_a_488()
    {
        var offer = Parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 18 97\r\na=rtpmap:97 opus/48000/2\r\n");
        var result = OfferAnswer.CreateAnswer(offer, Local, 1, 1);

        Assert.False(result.Acceptable);
        Assert.NotNull(result.NotAcceptableReason);
    }

    [Fact]
    public void Disabled_stream_with_port_zero_is_skipped_and_the_next_audio_stream_is_taken()
    {
        var offer = Parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\nm=audio 6000 RTP/AVP 8\r\nm=audio 7000 RTP/AVP 0\r\n");
        var result = OfferAnswer.CreateAnswer(offer, Local, 1, 1);

        Assert.Equal(1, result.Media!.MediaIndex);
        Assert.Equal([0, 40000, 0], result.Answer!.Media.Select(m => m.Port));
    }

    [Fact]
    public void Our_offer_lists_codecs_telephone_event_and_ptime()
    {
        var text = SdpWriter.Write(OfferAnswer.CreateOffer(Local, 5, 5));

        Assert.Contains("m=audio 40000 RTP/AVP 0 8 101\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=ptime:20\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("v=1\r\n", "v=0")]
    [InlineData("v=0\r\ns=-\r\n", "o=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\nc=IN IP9 x\r\n", "c=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 99999 RTP/AVP 0\r\n", "m=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:x PCMU\r\n", "rtpmap")]
    [InlineData("garbage", "<type>=<value>")]
    public void Malformed_description_is_an_error_value_naming_the_problem(string text, string expected)
    {
        var result = SdpParser.Parse(text);

        Assert.False(result.Success);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bare_lf_line_endings_are_accepted()
    {
        var result = SdpParser.Parse(Rfc3264Offer.Replace("\r\n", "\n"));

        Assert.True(result.Success);
        Assert.Equal(2, result.Description!.Media.Count);
    }
}
