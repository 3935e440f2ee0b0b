using System.Text;
using BenchmarkDotNet.Attributes;
using EdgePbx.Sip.Auth;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Benchmarks;

/// <summary>Parse cost of typical messages: the lazy path (validate core headers, index the rest).</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    internal static readonly byte[] InviteBytes = Encoding.ASCII.GetBytes(
        "INVITE sip:4001234567@192.0.2.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:4001234567@192.0.2.1>\r\n" +
        "From: \"Caller\" <sip:13800138000@198.51.100.7>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@198.51.100.7\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:13800138000@198.51.100.7:5060>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE\r\n" +
        "Supported: timer, replaces\r\n" +
        "User-Agent: Carrier-SBC/1.0\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 142\r\n\r\n" +
        "v=0\r\no=- 2890844526 2890844526 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n");

    private static readonly byte[] Register = Encoding.ASCII.GetBytes(
        "REGISTER sip:192.0.2.1 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.50:5060;branch=z9hG4bKnashds7;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:101@192.0.2.1>\r\n" +
        "From: <sip:101@192.0.2.1>;tag=456248\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "Contact: <sip:101@192.0.2.50:5060>\r\n" +
        "Expires: 3600\r\n" +
        "Content-Length: 0\r\n\r\n");

    private static readonly byte[] Ok = Encoding.ASCII.GetBytes(
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;received=192.0.2.1\r\n" +
        "To: <sip:101@192.0.2.50>;tag=a6c85cf\r\n" +
        "From: <sip:4001234567@192.0.2.1>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@192.0.2.1\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:101@192.0.2.50>\r\n" +
        "Content-Length: 0\r\n\r\n");

    private static readonly string Ha1 = DigestCalculator.Ha1(DigestAlgorithm.Md5, "101", "edgepbx", "secret");

    [Benchmark]
    public bool ParseInvite() => SipParser.Parse(InviteBytes).IsSuccess;

    [Benchmark]
    public bool ParseRegister() => SipParser.Parse(Register).IsSuccess;

    [Benchmark]
    public bool Parse200Ok() => SipParser.Parse(Ok).IsSuccess;

    /// <summary>Parse plus the accessors a transaction lookup needs (branch, Call-ID, CSeq).</summary>
    [Benchmark]
    public int ParseInviteAndReadKeys()
    {
        var m = SipParser.Parse(InviteBytes).Message!;
        return m.TopBranch!.Length + m.CallId.Length + (int)m.CSeqNumber;
    }

    [Benchmark]
    public string DigestResponseMd5() =>
        DigestCalculator.Response(DigestAlgorithm.Md5, Ha1, "bm9uY2U", "00000001", "cn", "auth", "REGISTER", "sip:192.0.2.1");
}
