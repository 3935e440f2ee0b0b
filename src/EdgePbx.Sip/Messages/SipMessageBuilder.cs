using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// Writes a SIP message: start line, headers in the order added, Content-Length computed from the
/// body. Values are written as given except that CR and LF are replaced so nothing can inject lines.
/// </summary>
public sealed class SipMessageBuilder
{
    private readonly string _startLine;
    // The messages of a call carry 8 to 12 headers: one array of 12 rather than growing through 4, 8 and 16.
    private readonly List<(string Name, string Value)> _headers = new(12);
    private ReadOnlyMemory<byte> _body;

    private SipMessageBuilder(string startLine)
    {
        _startLine = startLine;
    }

    public static SipMessageBuilder Request(string method, string requestTarget) =>
        new($"{Clean(method)} {Clean(requestTarget)} SIP/2.0");

    /// <remarks>The common responses with their standard phrase reuse a literal start line (<see cref="StatusLine"/>).</remarks>
    public static SipMessageBuilder Response(int statusCode, string reasonPhrase) =>
        new(StatusLine.Standard(statusCode, reasonPhrase)
            ?? string.Create(CultureInfo.InvariantCulture, $"SIP/2.0 {statusCode} {Clean(reasonPhrase)}"));

    /// <summary>
    /// RFC 3261 8.2.6.2: a response copies Via (all, in order), From, To, Call-ID and CSeq; the To
    /// tag is added when the request had none (not on 100 Trying).
    /// </summary>
    /// <param name="request">The request answered.</param>
    /// <param name="statusCode">Status code.</param>
    /// <param name="reasonPhrase">Reason phrase.</param>
    /// <param name="toTag">To tag to add when the request had none.</param>
    /// <param name="topVia">The top Via as the server echoes it (received/rport added, RFC 3581); null copies it.</param>
    private static bool HasViaAfter(SipMessage request, int entry)
    {
        for (var j = entry + 1; j < request.HeaderCount; j++)
        {
            if (request.GetEntry(j).Kind == HeaderKind.Via)
            {
                return true;
            }
        }

        return false;
    }

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

                        // A plain top Via header holds one via-parm: with no Via header after it there is nothing more
                        // to copy, and the Via list need not be parsed (the common case, a request straight from a peer).
                        if (!request.TopViaIsPlain || HasViaAfter(request, i))
                        {
                            var vias = request.Vias;
                            for (var v = 1; v < vias.Count; v++)
                            {
                                b.Add("Via", vias[v].ToString());
                            }
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
        var length = ByteCount();
        Write(writer.GetSpan(length)[..length]);
        writer.Advance(length);
        return length;
    }

    /// <summary>The message in an array of its exact length, written once (no text copy, no growing buffer).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[ByteCount()];
        Write(bytes);
        return bytes;
    }

    private const string ContentLength = "Content-Length: ";

    private int ByteCount()
    {
        var count = Utf8Length(_startLine) + 2;
        foreach (var (name, value) in CollectionsMarshal.AsSpan(_headers))
        {
            count += Utf8Length(name) + 2 + Utf8Length(value) + 2;
        }

        return count + ContentLength.Length + Digits(_body.Length) + 4 + _body.Length;
    }

    private void Write(Span<byte> span)
    {
        var at = Text(span, 0, _startLine);
        at = Crlf(span, at);
        foreach (var (name, value) in CollectionsMarshal.AsSpan(_headers))
        {
            at = Text(span, at, name);
            span[at++] = (byte)':';
            span[at++] = (byte)' ';
            at = Text(span, at, value);
            at = Crlf(span, at);
        }

        at = Text(span, at, ContentLength);
        _body.Length.TryFormat(span[at..], out var digits, default, CultureInfo.InvariantCulture);
        at = Crlf(span, Crlf(span, at + digits));
        _body.Span.CopyTo(span[at..]);
    }

    // ASCII (nearly every header) is one byte a char: no UTF-8 counting or transcoding pass.
    private static int Utf8Length(string text) => Ascii.IsValid(text) ? text.Length : Encoding.UTF8.GetByteCount(text);

    private static int Text(Span<byte> span, int at, string text) =>
        at + (Ascii.FromUtf16(text, span[at..], out var written) == OperationStatus.Done ? written : Encoding.UTF8.GetBytes(text, span[at..]));

    private static int Crlf(Span<byte> span, int at)
    {
        span[at] = (byte)'\r';
        span[at + 1] = (byte)'\n';
        return at + 2;
    }

    private static int Digits(int n)
    {
        var digits = 1;
        while (n >= 10)
        {
            n /= 10;
            digits++;
        }

        return digits;
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
