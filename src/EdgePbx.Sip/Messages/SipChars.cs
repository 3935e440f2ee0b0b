namespace EdgePbx.Sip.Messages;

/// <summary>Character classes of the RFC 3261 section 25.1 grammar, as byte lookups.</summary>
internal static class SipChars
{
    public const byte Token = 1, Word = 2, UserChar = 4, ParamChar = 8, HeaderChar = 16, HostChar = 32, SchemeChar = 64, TokenOrColon = 128;

    private static readonly byte[] Table = BuildTable();

    public static bool IsToken(byte b) => (Table[b] & Token) != 0;

    /// <summary>True when <paramref name="b"/> is in any of the classes of <paramref name="mask"/>.</summary>
    public static bool Is(byte b, byte mask) => (Table[b] & mask) != 0;

    /// <summary>RFC 3261 25.1 <c>word</c>: token characters plus ()&lt;&gt;:\"/[]?{}.</summary>
    public static bool IsWord(byte b) => (Table[b] & Word) != 0;

    /// <summary>Unreserved, user-unreserved and '%' (escapes are checked separately).</summary>
    public static bool IsUserChar(byte b) => (Table[b] & UserChar) != 0;

    public static bool IsParamChar(byte b) => (Table[b] & ParamChar) != 0;

    public static bool IsHeaderChar(byte b) => (Table[b] & HeaderChar) != 0;

    public static bool IsHostChar(byte b) => (Table[b] & HostChar) != 0;

    public static bool IsSchemeChar(byte b) => (Table[b] & SchemeChar) != 0;

    public static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    public static bool IsAlpha(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsWsp(byte b) => b is (byte)' ' or (byte)'\t';

    /// <summary>
    /// True when every byte is printable ASCII (SP to '~'): no tab, fold, control or UTF-8 byte, so each byte is the
    /// char UTF-8 decodes it to and nothing in it needs unfolding or cleaning.
    /// </summary>
    public static bool IsPrintableAscii(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExceptInRange((byte)' ', (byte)'~') < 0;

    public static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 'f' - 'a';

    private static byte[] BuildTable()
    {
        var t = new byte[256];
        for (var c = 0; c < 256; c++)
        {
            var b = (byte)c;
            var alnum = IsDigit(b) || IsAlpha(b);
            byte flags = 0;
            // RFC 3261 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
            if (alnum || "-.!%*_+`'~".Contains((char)c, StringComparison.Ordinal))
            {
                flags |= Token | Word | TokenOrColon;
            }

            if (c == ':')
            {
                flags |= TokenOrColon;
            }

            if ("()<>:\\\"/[]?{}".Contains((char)c, StringComparison.Ordinal))
            {
                flags |= Word;
            }

            // unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
            var unreserved = alnum || "-_.!~*'()".Contains((char)c, StringComparison.Ordinal);
            if (unreserved || "&=+$,;?/%".Contains((char)c, StringComparison.Ordinal))
            {
                flags |= UserChar;
            }

            if (unreserved || "[]/:&+$%".Contains((char)c, StringComparison.Ordinal))
            {
                flags |= ParamChar;
            }

            if (unreserved || "[]/?:+$%".Contains((char)c, StringComparison.Ordinal))
            {
                flags |= HeaderChar;
            }

            if (alnum || c == '-' || c == '.')
            {
                flags |= HostChar;
            }

            if (alnum || c == '+' || c == '-' || c == '.')
            {
                flags |= SchemeChar;
            }

            t[c] = flags;
        }

        return t;
    }
}
