using System.Buffers;
using System.Globalization;
using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// Writes a SIP message: start line, headers in the order added, Content-Length computed from the
/// body. Values are written as given except that CR and LF are replaced so nothing can inject lines.
/// </summary>
public sealed class SipMessageBuilder
{
    private readonly string _startLine;
    private readonly List<(string Name, string Value)> _headers = [];
    private ReadOnlyMemory<byte> _body;

    private SipMessageBuilder(string startLine)
    {
        _startLine = startLine;
    }

    public static SipMessageBuilder Request(string method, string requestTarget) =>
        new($"{Clean(method)} {Clean(requestTarget)} SIP/2.0");

    public static SipMessageBuilder Response(int statusCode, string reasonPhrase) =>
        new(string.Create(CultureInfo.InvariantCulture, $"SIP/2.0 {statusCode} {Clean(reasonPhrase)}"));

    /// <summary>
    /// RFC 3261 8.2.6.2: a response copies Via (all, in order), From, To, Call-ID and CSeq; the To
    /// tag is added when the request had none (not on 100 Trying).
    /// </summary>
    /// <param name="request">The request answered.</param>
    /// <param name="statusCode">Status code.</param>
    /// <param name="reasonPhrase">Reason phrase.</param>
    /// <param name="toTag">To tag to add when the request had none.</param>
    /// <param name="topVia">The top Via as the server echoes it (received/rport added, RFC 3581); null copies it.</param>
    public static SipMessageBuilder ResponseTo(SipMessage request, int statusCode, string reasonPhrase, string? toTag = null, string? topVia = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var b = Response(statusCode, reasonPhrase);
        var viaDone = false;
        for (var i = 0; i < request.HeaderCount; i++)
        {
            var e = request.GetEntry(i);
            switch (e.Kind)
            {
                case HeaderKind.Via when topVia is not null:
                    if (!viaDone)
                    {
                        b.Add("Via", topVia);
                        foreach (var v in request.Vias.Skip(1))
                        {
                            b.Add("Via", v.ToString());
                        }

                        viaDone = true;
                    }

                    break;
                case HeaderKind.Via:
                    b.Add("Via", request.GetValue(e));
                    break;
                case HeaderKind.From:
                    b.Add("From", request.GetValue(e));
                    break;
                case HeaderKind.To:
                    var to = request.GetValue(e);
                    b.Add("To", request.ToTag is null && toTag is not null && statusCode > 100 ? $"{to};tag={toTag}" : to);
                    break;
                case HeaderKind.CallId:
                    b.Add("Call-ID", request.GetValue(e));
                    break;
                case HeaderKind.CSeq:
                    b.Add("CSeq", request.GetValue(e));
                    break;
                default:
                    break;
            }
        }

        return b;
    }

    public SipMessageBuilder Add(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _headers.Add((Clean(name), Clean(value)));
        return this;
    }

    public SipMessageBuilder WithBody(ReadOnlyMemory<byte> body, string contentType)
    {
        _body = body;
        return Add("Content-Type", contentType);
    }

    public int WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var sb = new StringBuilder(256 + _headers.Count * 48);
        sb.Append(_startLine).Append("\r\n");
        foreach (var (name, value) in _headers)
        {
            sb.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        sb.Append("Content-Length: ").Append(_body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var text = sb.ToString();
        var count = Encoding.UTF8.GetByteCount(text);
        var span = writer.GetSpan(count + _body.Length);
        Encoding.UTF8.GetBytes(text, span);
        _body.Span.CopyTo(span[count..]);
        writer.Advance(count + _body.Length);
        return count + _body.Length;
    }

    public byte[] ToBytes()
    {
        var w = new ArrayBufferWriter<byte>(512);
        WriteTo(w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Writes and parses back; a failure here is a bug in the caller, hence the exception.</summary>
    public SipMessage Build()
    {
        var r = SipParser.Parse(ToBytes());
        return r.Message ?? throw new InvalidOperationException($"built an invalid message: {r.Error}");
    }

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    private static string Clean(string s) =>
        s.AsSpan().IndexOfAny('\r', '\n') < 0 ? s : s.Replace('\r', ' ').Replace('\n', ' ');
}
