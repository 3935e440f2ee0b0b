namespace EdgePbx.Sip.Messages;

/// <summary>Span validators for the single-valued core headers: CSeq, Call-ID, numbers, Date.</summary>
internal static class ScalarHeaderSyntax
{
    /// <summary>RFC 3261 20.16: CSeq = 1*DIGIT LWS Method; the number is below 2**31 (8.1.1.5).</summary>
    public static string? CSeq(ref SipScanner s, out long number, out Segment method)
    {
        method = default;
        s.SkipLws();
        if (!s.TryReadNumber(10, out number, out _) || number >= 1L << 31)
        {
            return "CSeq number missing or not below 2**31";
        }

        if (!s.SkipLws())
        {
            return "expected whitespace after CSeq number";
        }

        method = s.ReadToken();
        if (method.IsEmpty)
        {
            return "missing CSeq method";
        }

        s.SkipLws();
        return s.AtEnd ? null : "unexpected text after CSeq method";
    }

    /// <summary>RFC 3261 20.8: callid = word [ "@" word ].</summary>
    public static string? CallId(ref SipScanner s, out Segment value)
    {
        s.SkipLws();
        var start = s.Position;
        if (s.ReadWhile(SipChars.Word).IsEmpty)
        {
            value = default;
            return "empty Call-ID";
        }

        if (s.TryByte((byte)'@') && s.ReadWhile(SipChars.Word).IsEmpty)
        {
            value = default;
            return "empty word after '@' in Call-ID";
        }

        value = new Segment(start, s.Position - start);
        s.SkipLws();
        return s.AtEnd ? null : "invalid character in Call-ID";
    }

    /// <summary>A 1*DIGIT header (Max-Forwards, Content-Length, Expires) with an upper bound.</summary>
    public static string? Number(ref SipScanner s, long max, out long value)
    {
        s.SkipLws();
        if (!s.TryReadNumber(10, out value, out _) || value > max)
        {
            return $"value must be a number from 0 to {max}";
        }

        s.SkipLws();
        return s.AtEnd ? null : "unexpected text after number";
    }

    /// <summary>RFC 3261 20.17: Date = rfc1123-date, which is always in "GMT".</summary>
    public static string? Date(ref SipScanner s)
    {
        s.SkipLws();
        var text = s.Buffer[s.Position..s.End].TrimEnd(" \t"u8);
        // wkday "," SP 2DIGIT SP month SP 4DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT SP "GMT"
        if (text.Length != 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' '
            || text[16] != ' ' || text[19] != ':' || text[22] != ':' || text[25] != ' ')
        {
            return "not an RFC 1123 date";
        }

        return text[26..].SequenceEqual("GMT"u8) ? null : "time zone must be GMT";
    }
}
