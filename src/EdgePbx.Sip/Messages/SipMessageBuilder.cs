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
    private readonly List<HeaderLine> _headers = new(12);
    // The request ResponseTo answers: the copied header values are bytes of it.
    private ReadOnlyMemory<byte> _copySource;
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
        b._copySource = request.Raw;
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
                    b.Copy("Via", e);
                    break;
                case HeaderKind.From:
                    b.Copy("From", e);
                    break;
                case HeaderKind.To:
                    b.Copy("To", e, request.ToTag is null && toTag is not null && statusCode > 100 ? $";tag={toTag}" : null);
                    break;
                case HeaderKind.CallId:
                    b.Copy("Call-ID", e);
                    break;
                case HeaderKind.CSeq:
                    b.Copy("CSeq", e);
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
        _headers.Add(new HeaderLine(Clean(name), Clean(value), 0, HeaderLine.NotCopied));
        return this;
    }

    /// <summary>
    /// Adds the value of a header of <see cref="_copySource"/> (ResponseTo's request), then <paramref name="suffix"/>. A
    /// value of printable ASCII (nearly all) is copied as bytes: what decoding it to a string and writing that would
    /// give, without either. Anything else (tabs, folds, UTF-8) takes <see cref="Add"/>'s way.
    /// </summary>
    private void Copy(string name, HeaderEntry entry, string? suffix = null)
    {
        var source = _copySource.Span;
        if (!SipChars.IsPrintableAscii(source.Slice(entry.Value.Start, entry.Value.Length)))
        {
            Add(name, SipScanner.Decode(source, entry.Value) + suffix);
            return;
        }

        _headers.Add(new HeaderLine(name, suffix is null ? null : Clean(suffix), entry.Value.Start, entry.Value.Length));
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
        foreach (ref readonly var line in CollectionsMarshal.AsSpan(_headers))
        {
            count += Utf8Length(line.Name) + 2 + Math.Max(line.CopyLength, 0) + (line.Text is { } text ? Utf8Length(text) : 0) + 2;
        }

        return count + ContentLength.Length + Digits(_body.Length) + 4 + _body.Length;
    }

    private void Write(Span<byte> span)
    {
        var at = Text(span, 0, _startLine);
        at = Crlf(span, at);
        foreach (ref readonly var line in CollectionsMarshal.AsSpan(_headers))
        {
            at = Text(span, at, line.Name);
            span[at++] = (byte)':';
            span[at++] = (byte)' ';
            if (line.CopyLength != HeaderLine.NotCopied)
            {
                _copySource.Span.Slice(line.CopyStart, line.CopyLength).CopyTo(span[at..]);
                at += line.CopyLength;
            }

            if (line.Text is { } text)
            {
                at = Text(span, at, text);
            }

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

    /// <summary>
    /// A header to write: bytes of <see cref="_copySource"/> (unless <see cref="CopyLength"/> is <see cref="NotCopied"/>),
    /// then <see cref="Text"/> (the value, or what follows the copied bytes). 24 bytes: a builder holds a dozen.
    /// </summary>
    private readonly record struct HeaderLine(string Name, string? Text, int CopyStart, int CopyLength)
    {
        public const int NotCopied = -1;
    }

    private static string Clean(string s) =>
        s.AsSpan().IndexOfAny('\r', '\n') < 0 ? s : s.Replace('\r', ' ').Replace('\n', ' ');
}
