using System.Buffers;
using System.Text;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Tests.Messages;

public sealed class SipMessageBuilderTests
{
    private static SipMessageBuilder Invite(string body) =>
        SipMessageBuilder.Request("INVITE", "sip:101@192.0.2.5")
            .Add("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1")
            .Add("From", "\"张三\" <sip:02112345678@192.0.2.1>;tag=a1")
            .Add("To", "<sip:101@192.0.2.5>")
            .Add("Call-ID", "c1@192.0.2.1")
            .Add("CSeq", "1 INVITE")
            .WithBody(Encoding.UTF8.GetBytes(body), "application/sdp");

    [Theory]
    [InlineData("")]
    [InlineData("v=0\r\n")]
    [InlineData("0123456789")]
    public void Writes_start_line_headers_in_order_content_length_and_body(string body)
    {
        var expected =
            "INVITE sip:101@192.0.2.5 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1\r\n" +
            "From: \"张三\" <sip:02112345678@192.0.2.1>;tag=a1\r\n" +
            "To: <sip:101@192.0.2.5>\r\n" +
            "Call-ID: c1@192.0.2.1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Content-Type: application/sdp\r\n" +
            $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n" + body;

        Assert.Equal(Encoding.UTF8.GetBytes(expected), Invite(body).ToBytes());
    }

    [Fact]
    public void Writing_into_a_buffer_gives_the_same_bytes_after_what_it_held()
    {
        var builder = Invite(new string('x', 1234));
        var buffer = new ArrayBufferWriter<byte>(16);
        buffer.Write("prefix"u8);

        var written = builder.WriteTo(buffer);

        Assert.Equal(builder.ToBytes().Length, written);
        Assert.Equal([.. "prefix"u8, .. builder.ToBytes()], buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(100, "Trying")]
    [InlineData(180, "Ringing")]
    [InlineData(183, "Session Progress")]
    [InlineData(200, "OK")]
    [InlineData(202, "Accepted")]
    [InlineData(481, "Call/Transaction Does Not Exist")]
    [InlineData(486, "Busy Here")]
    [InlineData(487, "Request Terminated")]
    [InlineData(603, "Decline")]
    [InlineData(486, "Busy")]
    [InlineData(404, "number not served")]
    [InlineData(200, "ok")]
    [InlineData(299, "OK")]
    [InlineData(180, "")]
    public void Status_line_carries_the_code_and_the_reason_phrase_given(int code, string reason)
    {
        var text = Encoding.UTF8.GetString(SipMessageBuilder.Response(code, reason).ToBytes());

        Assert.Equal($"SIP/2.0 {code} {reason}\r\nContent-Length: 0\r\n\r\n", text);
    }

    [Fact]
    public void A_standard_response_start_line_is_not_formatted_anew()
    {
        SipMessageBuilder.Response(180, "Ringing");
        SipMessageBuilder.Response(180, "Ringing (custom)");

        var before = GC.GetAllocatedBytesForCurrentThread();
        SipMessageBuilder.Response(180, "Ringing");
        var standard = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        SipMessageBuilder.Response(180, "Ringing (custom)");
        var custom = GC.GetAllocatedBytesForCurrentThread() - before;

        // The custom phrase's line ("SIP/2.0 180 Ringing (custom)", 28 characters) is a string of its own.
        Assert.True(custom - standard >= 28 * 2, $"standard {standard} B, custom {custom} B");
    }

    [Fact]
    public void Response_with_the_servers_top_via_copies_every_other_via_in_order()
    {
        var request = SipParser.Parse(Encoding.UTF8.GetBytes(
            "INVITE sip:101@192.0.2.5 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1;rport, SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-2\r\n" +
            "From: <sip:a@192.0.2.1>;tag=a1\r\n" +
            "Via: SIP/2.0/TCP 192.0.2.3:5070;branch=z9hG4bK-3\r\n" +
            "To: <sip:101@192.0.2.5>\r\n" +
            "Call-ID: c1@192.0.2.1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Content-Length: 0\r\n\r\n")).Message!;

        var response = SipMessageBuilder.ResponseTo(request, 180, "Ringing", "t1", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1;rport=5060;received=198.51.100.7").Build();

        Assert.Equal("z9hG4bK-1,z9hG4bK-2,z9hG4bK-3", string.Join(',', response.Vias.Select(v => v.Branch)));
        Assert.Equal("198.51.100.7", response.TopVia.Received);
        Assert.Equal("t1", response.ToTag);
    }

    [Fact]
    public void Line_breaks_in_values_cannot_start_a_header_of_their_own()
    {
        var bytes = SipMessageBuilder.Response(200, "OK\r\nX-Evil: 1").Add("Subject", "a\r\nX-Evil: 2").ToBytes();

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal("SIP/2.0 200 OK  X-Evil: 1\r\nSubject: a  X-Evil: 2\r\nContent-Length: 0\r\n\r\n", text);
    }

    [Fact]
    public void Writing_a_message_allocates_only_its_array()
    {
        // Every outgoing request and response is written once: no text copy, no growing buffer (they were most of
        // the call engine's garbage).
        var builder = Invite("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n");
        var length = builder.ToBytes().Length;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = builder.ToBytes();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(length, bytes.Length);
        Assert.InRange(allocated, length, length + 32);
    }
}
