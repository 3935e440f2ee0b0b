using System.Text;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// Forward-only reader over a slice of a message buffer. Positions are absolute offsets into the
/// whole message so errors can say "at byte N". Line folding (CRLF followed by SP/HTAB, RFC 3261
/// 7.3.1) is treated as whitespace, so header values never need to be copied to be unfolded.
/// </summary>
internal ref struct SipScanner
{
    private readonly ReadOnlySpan<byte> _buffer;

    public SipScanner(ReadOnlySpan<byte> buffer, int start, int end)
    {
        _buffer = buffer;
        Position = start;
        End = end;
    }

    public int Position { get; set; }

    public int End { get; }

    public readonly bool AtEnd => Position >= End;

    public readonly byte Current => _buffer[Position];

    public readonly ReadOnlySpan<byte> Buffer => _buffer;

    public readonly bool Is(byte b) => Position < End && _buffer[Position] == b;

    /// <summary>Skips LWS: SP, HTAB and folds. Returns whether anything was skipped.</summary>
    public bool SkipLws()
    {
        var start = Position;
        while (Position < End)
        {
            var b = _buffer[Position];
            if (SipChars.IsWsp(b))
            {
                Position++;
            }
            else if (b == '\r' && Position + 2 < End && _buffer[Position + 1] == '\n' && SipChars.IsWsp(_buffer[Position + 2]))
            {
                Position += 3;
            }
            else
            {
                break;
            }
        }

        return Position != start;
    }

    /// <summary>RFC 3261 25.1 separators: SWS c SWS (e.g. SEMI, COMMA, EQUAL, SLASH).</summary>
    public bool TrySeparator(byte c)
    {
        var save = Position;
        SkipLws();
        if (Is(c))
        {
            Position++;
            SkipLws();
            return true;
        }

        Position = save;
        return false;
    }

    public bool TryByte(byte c)
    {
        if (Is(c))
        {
            Position++;
            return true;
        }

        return false;
    }

    /// <summary>Reads bytes of the <see cref="SipChars"/> classes in <paramref name="mask"/> (a table lookup, no delegate: this is the hot loop).</summary>
    public Segment ReadWhile(byte mask)
    {
        var start = Position;
        while (Position < End && SipChars.Is(_buffer[Position], mask))
        {
            Position++;
        }

        return new Segment(start, Position - start);
    }

    public Segment ReadToken()
    {
        var start = Position;
        while (Position < End && SipChars.IsToken(_buffer[Position]))
        {
            Position++;
        }

        return new Segment(start, Position - start);
    }

    /// <summary>
    /// RFC 3261 25.1 quoted-string: DQUOTE *(qdtext / quoted-pair) DQUOTE. The segment includes the
    /// quotes. Returns an error text or null.
    /// </summary>
    public string? ReadQuotedString(out Segment segment)
    {
        var start = Position;
        segment = default;
        if (!TryByte((byte)'"'))
        {
            return "expected '\"'";
        }

        while (Position < End)
        {
            var b = _buffer[Position];
            if (b == '"')
            {
                Position++;
                segment = new Segment(start, Position - start);
                return null;
            }

            if (b == '\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (Position + 1 >= End || _buffer[Position + 1] is (byte)'\r' or (byte)'\n' or >= 0x80)
                {
                    return "bad escape in quoted string";
                }

                Position += 2;
            }
            else if (b == '\r')
            {
                if (!SkipLws())
                {
                    return "line break in quoted string";
                }
            }
            else if (b < 0x20 && b != '\t' || b == 0x7F)
            {
                return "control character in quoted string";
            }
            else
            {
                Position++;
            }
        }

        Position = start;
        return "unterminated quoted string";
    }

    /// <summary>Reads an unsigned decimal; false if there are no digits or more than maxDigits.</summary>
    public bool TryReadNumber(int maxDigits, out long value, out int digits)
    {
        value = 0;
        digits = 0;
        while (Position < End && SipChars.IsDigit(_buffer[Position]))
        {
            if (++digits > maxDigits)
            {
                return false;
            }

            value = value * 10 + (_buffer[Position] - '0');
            Position++;
        }

        return digits > 0;
    }

    public readonly string Text(Segment s) => Decode(_buffer, s);

    /// <summary>Makes a string of a segment, turning folds into single spaces.</summary>
    public static string Decode(ReadOnlySpan<byte> buffer, Segment s)
    {
        var span = buffer.Slice(s.Start, s.Length);
        if (SipChars.IsPrintableAscii(span))
        {
            // Printable ASCII only (nearly every tag, branch, host and token): each byte is its char, as UTF-8 decodes
            // it, so the string is the bytes widened, without UTF-8's counting pass. Tabs, folds, UTF-8 and anything
            // else take the general path below.
            return Encoding.Latin1.GetString(span);
        }

        if (span.IndexOf((byte)'\r') < 0)
        {
            return Encoding.UTF8.GetString(span);
        }

        var text = Encoding.UTF8.GetString(span);
        return UnfoldText(text);
    }

    private static string UnfoldText(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                if (sb.Length == 0 || sb[^1] != ' ')
                {
                    sb.Append(' ');
                }

                while (i + 1 < text.Length && text[i + 1] is ' ' or '\t')
                {
                    i++;
                }

                continue;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }
}
