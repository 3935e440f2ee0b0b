using System.Text;
using EdgePbx.Sip.Messages;
using Xunit;

namespace EdgePbx.Sip.Tests.Messages;

/// <summary>
/// <see cref="SipScanner.Decode"/> takes a shortcut for printable ASCII; whatever the bytes, the string must be what
/// UTF-8 decoding (and unfolding) gives.
/// </summary>
public sealed class SipScannerDecodeTests
{
    [Fact]
    public void Every_byte_but_CR_and_LF_decodes_as_UTF8_decodes_it()
    {
        for (var b = 0; b < 256; b++)
        {
            if (b is '\r' or '\n')
            {
                continue;
            }

            byte[] bytes = [(byte)'x', (byte)'-', (byte)b, (byte)'y'];
            Assert.Equal(Encoding.UTF8.GetString(bytes), Decode(bytes));
        }
    }

    [Theory]
    [InlineData("z9hG4bK-524287-1---a7b4c0")]
    [InlineData("\"Bob \\\"the\\\" Builder\" <sip:bob@biloxi.example.com;transport=udp>;tag=1928301774")]
    [InlineData("")]
    [InlineData("~ !")]
    public void Printable_ASCII_is_itself(string text) => Assert.Equal(text, Decode(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void UTF8_display_names_and_tabs_decode_as_UTF8()
    {
        var text = "\"张三\"\t<sip:021@example.com>";
        Assert.Equal(text, Decode(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void A_fold_becomes_one_space()
    {
        Assert.Equal("SIP/2.0/UDP host ;branch=z9hG4bK1", Decode("SIP/2.0/UDP host\r\n ;branch=z9hG4bK1"u8.ToArray()));
    }

    private static string Decode(byte[] bytes) => SipScanner.Decode(bytes, new Segment(0, bytes.Length));
}
