using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// Turns bytes into a <see cref="SipMessage"/>: start line, header index, core header validation,
/// body by Content-Length. Never throws for bad input: the error says what and where.
/// </summary>
public static class SipParser
{
    /// <summary>Parses one message. For a datagram a missing Content-Length means "the rest of the datagram" (RFC 3261 18.3).</summary>
    public static SipParseResult Parse(ReadOnlyMemory<byte> data, SipParserLimits? limits = null, bool isDatagram = true) =>
        Parse(data, limits, isDatagram, commonShapes: true);

    /// <param name="commonShapes">
    /// Recognise the common shapes of the Request-URI, Via, From, To and Contact with
    /// <see cref="CommonShapeSyntax"/> before the full grammar; false only in tests proving both ways agree.
    /// </param>
    internal static SipParseResult Parse(ReadOnlyMemory<byte> data, SipParserLimits? limits, bool isDatagram, bool commonShapes)
    {
        limits ??= SipParserLimits.Default;
        if (data.Length > limits.MaxMessageBytes)
        {
            return Fail(513, $"message larger than {limits.MaxMessageBytes} bytes", 0);
        }

        var span = data.Span;
        var pos = 0;
        // RFC 3261 7.5: CRLFs before the start line are ignored.
        while (pos + 1 < span.Length && span[pos] == '\r' && span[pos + 1] == '\n')
        {
            pos += 2;
        }

        var lineEnd = IndexOfCrlf(span, pos);
        if (lineEnd < 0)
        {
            return Fail(400, "start line without CRLF", pos);
        }

        var message = new SipMessage(data);
        var err = span[pos..].StartsWith("SIP/"u8)
            ? ParseStatusLine(span, pos, lineEnd, message)
            : ParseRequestLine(span, pos, lineEnd, message, commonShapes);
        if (err is not null)
        {
            return new SipParseResult(null, err);
        }

        err = IndexHeaders(span, lineEnd + 2, limits, isDatagram, message, out var bodyStart);
        if (err is not null)
        {
            return new SipParseResult(null, err);
        }

        err = CoreHeaderValidator.Validate(span, message, bodyStart, commonShapes);
        if (err is not null)
        {
            return new SipParseResult(null, err);
        }

        var bodyLength = message.ContentLength ?? (isDatagram ? span.Length - bodyStart : 0);
        if (bodyStart + bodyLength > span.Length)
        {
            return Fail(400, $"Content-Length {bodyLength} exceeds the {span.Length - bodyStart} body bytes received", bodyStart);
        }

        if (bodyLength > limits.MaxBodyBytes)
        {
            return Fail(413, $"body larger than {limits.MaxBodyBytes} bytes", bodyStart);
        }

        // RFC 3261 18.3: bytes beyond Content-Length in a datagram are discarded.
        message.BodySegment = new Segment(bodyStart, bodyLength);
        message.Raw = data[..(bodyStart + bodyLength)];
        return new SipParseResult(message, null);
    }

    private static SipParseError? ParseRequestLine(ReadOnlySpan<byte> span, int start, int end, SipMessage message, bool commonShapes)
    {
        // RFC 3261 7.1: Method SP Request-URI SP SIP-Version CRLF, single spaces, no other whitespace.
        var line = span[start..end];
        var sp1 = line.IndexOf((byte)' ');
        var sp2 = line.LastIndexOf((byte)' ');
        if (sp1 <= 0 || sp2 == sp1)
        {
            return new SipParseError(400, "Request-Line needs Method SP Request-URI SP SIP-Version", start);
        }

        if (SipChars.IsWsp(line[^1]))
        {
            return new SipParseError(400, "whitespace after SIP-Version in Request-Line", end - 1);
        }

        for (var i = 0; i < sp1; i++)
        {
            if (!SipChars.IsToken(line[i]))
            {
                return new SipParseError(400, "invalid character in method", start + i);
            }
        }

        var uri = new Segment(start + sp1 + 1, sp2 - sp1 - 1);
        var extra = span.Slice(uri.Start, uri.Length).IndexOfAny((byte)' ', (byte)'\t');
        if (extra >= 0 || uri.IsEmpty)
        {
            return new SipParseError(400, "extra whitespace in Request-Line", uri.Start + Math.Max(extra, 0));
        }

        if (span[uri.Start] == '<')
        {
            return new SipParseError(400, "Request-URI must not be enclosed in <>", uri.Start);
        }

        var versionError = CheckVersion(span, start + sp2 + 1, end);
        if (versionError is not null)
        {
            return versionError;
        }

        UriParts parts;
        var uriError = commonShapes && CommonShapeSyntax.TryUri(span, uri, parametersAllowed: true, out parts)
            ? null
            : UriSyntax.Scan(span, uri, UriSyntax.Context.RequestLine, out parts);
        if (uriError is not null)
        {
            return new SipParseError(400, "Request-URI: " + uriError, uri.Start);
        }

        message.IsRequest = true;
        message.MethodSegment = new Segment(start, sp1);
        message.RequestUriSegment = uri;
        message.RequestUriParts = parts;
        return null;
    }

    private static SipParseError? ParseStatusLine(ReadOnlySpan<byte> span, int start, int end, SipMessage message)
    {
        // RFC 3261 7.2: SIP-Version SP Status-Code SP Reason-Phrase CRLF; Status-Code = 3DIGIT.
        var sp = span[start..end].IndexOf((byte)' ');
        if (sp < 0)
        {
            return new SipParseError(400, "Status-Line needs SIP-Version SP Status-Code", start);
        }

        var versionError = CheckVersion(span, start, start + sp);
        if (versionError is not null)
        {
            return versionError;
        }

        var codeStart = start + sp + 1;
        var digits = 0;
        var code = 0;
        while (codeStart + digits < end && SipChars.IsDigit(span[codeStart + digits]))
        {
            code = digits < 4 ? code * 10 + (span[codeStart + digits] - '0') : code;
            digits++;
        }

        if (digits != 3 || code < 100 || code > 699)
        {
            return new SipParseError(400, "Status-Code must be three digits from 100 to 699", codeStart);
        }

        var after = codeStart + 3;
        if (after < end && span[after] != ' ')
        {
            return new SipParseError(400, "expected SP after Status-Code", after);
        }

        message.StatusCode = code;
        message.ReasonSegment = after < end ? new Segment(after + 1, end - after - 1) : new Segment(end, 0);
        return null;
    }

    private static SipParseError? CheckVersion(ReadOnlySpan<byte> span, int start, int end)
    {
        var v = span[start..end];
        if (v.Length >= 7 && Ascii.EqualsIgnoreCase(v[..4], "SIP/"u8))
        {
            if (v.Length == 7 && v[4..].SequenceEqual("2.0"u8))
            {
                return null;
            }

            var dot = v.IndexOf((byte)'.');
            if (dot > 4 && dot < v.Length - 1 && IsDigits(v[4..dot]) && IsDigits(v[(dot + 1)..]))
            {
                return new SipParseError(505, $"SIP version {Encoding.ASCII.GetString(v[4..])} not supported", start);
            }
        }

        return new SipParseError(400, "malformed SIP-Version", start);
    }

    private static bool IsDigits(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (!SipChars.IsDigit(b))
            {
                return false;
            }
        }

        return true;
    }

    private static SipParseError? IndexHeaders(ReadOnlySpan<byte> span, int pos, SipParserLimits limits, bool isDatagram, SipMessage message, out int bodyStart)
    {
        bodyStart = span.Length;
        while (true)
        {
            if (pos >= span.Length)
            {
                // A datagram whose last header ends with CRLF but lacks the empty line is taken as ended.
                if (isDatagram)
                {
                    bodyStart = span.Length;
                    return null;
                }

                return new SipParseError(400, "missing empty line after headers", pos);
            }

            if (span[pos] == '\r' && pos + 1 < span.Length && span[pos + 1] == '\n')
            {
                bodyStart = pos + 2;
                return null;
            }

            if (SipChars.IsWsp(span[pos]))
            {
                return new SipParseError(400, "continuation line without a header", pos);
            }

            var lineEnd = FindHeaderEnd(span, pos);
            if (lineEnd < 0)
            {
                return new SipParseError(400, "header line without CRLF", pos);
            }

            if (lineEnd - pos > limits.MaxHeaderBytes)
            {
                return new SipParseError(400, $"header longer than {limits.MaxHeaderBytes} bytes", pos);
            }

            if (message.HeaderCount >= limits.MaxHeaderCount)
            {
                return new SipParseError(400, $"more than {limits.MaxHeaderCount} headers", pos);
            }

            var i = pos;
            while (i < lineEnd && SipChars.IsToken(span[i]))
            {
                i++;
            }

            var name = new Segment(pos, i - pos);
            while (i < lineEnd && SipChars.IsWsp(span[i]))
            {
                i++;
            }

            if (name.IsEmpty || i >= lineEnd || span[i] != ':')
            {
                return new SipParseError(400, "malformed header line (expected name and ':')", i);
            }

            var s = new SipScanner(span, i + 1, lineEnd);
            s.SkipLws();
            var valueEnd = lineEnd;
            while (valueEnd > s.Position && SipChars.IsWsp(span[valueEnd - 1]))
            {
                valueEnd--;
            }

            message.AddHeader(new HeaderEntry(HeaderNames.Classify(span.Slice(name.Start, name.Length)), name, new Segment(s.Position, valueEnd - s.Position)));
            pos = lineEnd + 2;
        }
    }

    /// <summary>The CRLF ending a header line, skipping folds (CRLF followed by SP/HTAB, RFC 3261 7.3.1).</summary>
    private static int FindHeaderEnd(ReadOnlySpan<byte> span, int pos)
    {
        while (true)
        {
            var crlf = IndexOfCrlf(span, pos);
            if (crlf < 0)
            {
                return -1;
            }
            if (crlf + 2 < span.Length && SipChars.IsWsp(span[crlf + 2]))
            {
                pos = crlf + 2;
                continue;
            }

            return crlf;
        }
    }

    /// <summary>
    /// The absolute offset of the first CRLF at or after <paramref name="pos"/>, or -1. A search for the
    /// byte CR (vectorised) and a look at the next byte: the two-byte sequence search costs several
    /// times as much per call, and it ran once per header line.
    /// </summary>
    private static int IndexOfCrlf(ReadOnlySpan<byte> span, int pos)
    {
        while (true)
        {
            var rel = span[pos..].IndexOf((byte)'\r');
            if (rel < 0)
            {
                return -1;
            }

            var cr = pos + rel;
            if (cr + 1 < span.Length && span[cr + 1] == '\n')
            {
                return cr;
            }

            pos = cr + 1;
        }
    }

    private static SipParseResult Fail(int status, string what, int offset) => new(null, new SipParseError(status, what, offset));
}
