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
