using System.Text;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Transport;

/// <summary>
/// Builds the 400 (or 505/513) for a request the parser refused, from whatever Via, From, To,
/// Call-ID and CSeq lines it carries, so the sender learns why (RFC 4475 3.1.2). Responses and
/// garbage without a Via or CSeq get nothing: no response can be formed.
/// </summary>
public static class MalformedRequestResponder
{
    public static byte[]? TryBuildResponse(ReadOnlySpan<byte> data, SipParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        while (data.StartsWith("\r\n"u8))
        {
            data = data[2..];
        }

        if (data.StartsWith("SIP/"u8) || data.IsEmpty || !SipChars.IsToken(data[0]))
        {
            return null;
        }

        var headersEnd = data.IndexOf("\r\n\r\n"u8);
        var headers = headersEnd < 0 ? data : data[..(headersEnd + 2)];
        var sb = new StringBuilder();
        sb.Append("SIP/2.0 ").Append(error.StatusCode).Append(' ').Append(Sanitize(error.ReasonPhrase)).Append("\r\n");
        bool via = false, cseq = false;
        var pos = headers.IndexOf("\r\n"u8);
        if (pos < 0)
        {
            return null;
        }

        pos += 2;
        while (pos < headers.Length)
        {
            var rel = headers[pos..].IndexOf("\r\n"u8);
            var lineEnd = rel < 0 ? headers.Length : pos + rel;
            var line = headers[pos..lineEnd];
            var colon = line.IndexOf((byte)':');
            if (colon > 0 && line.Length < 1024)
            {
                var kind = HeaderNames.Classify(line[..colon].TrimEnd(" \t"u8));
                if (kind is HeaderKind.Via or HeaderKind.From or HeaderKind.To or HeaderKind.CallId or HeaderKind.CSeq)
                {
                    via |= kind == HeaderKind.Via;
                    cseq |= kind == HeaderKind.CSeq;
                    sb.Append(HeaderNames.Canonical(kind)).Append(": ").Append(Sanitize(Encoding.UTF8.GetString(line[(colon + 1)..]).Trim())).Append("\r\n");
                }
            }

            pos = lineEnd + 2;
        }

        if (!via || !cseq)
        {
            return null;
        }

        sb.Append("Content-Length: 0\r\n\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Sanitize(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}
