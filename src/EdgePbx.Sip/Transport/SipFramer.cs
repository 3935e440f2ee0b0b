using System.Text;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Transport;

/// <summary>
/// Cuts a TCP byte stream into messages (RFC 3261 18.3: Content-Length is mandatory on streams) and
/// recognises RFC 5626 3.5.1 CRLF keep-alives.
/// </summary>
public static class SipFramer
{
    public static FrameKind Frame(ReadOnlySpan<byte> buffer, SipParserLimits limits, out int length, out SipParseError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        error = null;
        length = 0;
        if (buffer.StartsWith("\r\n\r\n"u8))
        {
            length = 4;
            return FrameKind.KeepAlivePing;
        }

        if (buffer.StartsWith("\r\n"u8))
        {
            // Could be the first half of a ping: wait for two more bytes unless something else follows.
            if (buffer.Length < 4 && buffer.Length > 2 && buffer[2] == '\r' || buffer.Length == 2)
            {
                return FrameKind.NeedMore;
            }

            length = 2;
            return FrameKind.Crlf;
        }

        var end = buffer.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            if (buffer.Length > limits.MaxMessageBytes)
            {
                error = new SipParseError(513, $"headers larger than {limits.MaxMessageBytes} bytes", 0);
                return FrameKind.Error;
            }

            return FrameKind.NeedMore;
        }

        var headersLength = end + 4;
        var contentLength = FindContentLength(buffer[..headersLength], out var clError);
        if (clError is not null)
        {
            error = new SipParseError(400, clError, 0);
            return FrameKind.Error;
        }

        if (contentLength > limits.MaxBodyBytes || headersLength + contentLength > limits.MaxMessageBytes)
        {
            error = new SipParseError(513, $"message larger than {limits.MaxMessageBytes} bytes", 0);
            return FrameKind.Error;
        }

        if (buffer.Length < headersLength + contentLength)
        {
            return FrameKind.NeedMore;
        }

        length = headersLength + (int)contentLength;
        return FrameKind.Message;
    }

    private static long FindContentLength(ReadOnlySpan<byte> headers, out string? error)
    {
        error = null;
        var pos = headers.IndexOf("\r\n"u8) + 2;
        while (pos < headers.Length - 2)
        {
            var lineEnd = headers[pos..].IndexOf("\r\n"u8) + pos;
            var line = headers[pos..lineEnd];
            var colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                var name = line[..colon].TrimEnd(" \t"u8);
                if (HeaderNames.Classify(name) == HeaderKind.ContentLength)
                {
                    var value = line[(colon + 1)..].Trim(" \t"u8);
                    if (value.Length is 0 or > 9 || !long.TryParse(Encoding.ASCII.GetString(value), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                    {
                        error = "Content-Length: not a number";
                        return 0;
                    }

                    return n;
                }
            }

            pos = lineEnd + 2;
        }

        error = "missing Content-Length on a stream transport";
        return 0;
    }
}
