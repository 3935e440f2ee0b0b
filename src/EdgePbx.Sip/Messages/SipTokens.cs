using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace EdgePbx.Sip.Messages;

/// <summary>
/// Random tokens for the requests and responses we originate: branches, tags, Call-IDs, CSeq starts,
/// SDP session ids. RFC 3261 8.1.1.3/8.1.1.4/8.1.1.7 ask for global uniqueness and enough randomness
/// that an off-path attacker cannot guess a dialog's Call-ID and tags (and so forge its BYE), so the
/// bytes come from the CSPRNG; they are drawn from a per-thread buffer refilled 512 bytes at a time,
/// so OpenSSL is called about once per 50 tokens rather than once per token.
/// </summary>
/// <remarks>
/// The per-thread buffer is static state on purpose, against our usual rule: it is a cache of CSPRNG
/// output like <see cref="RandomNumberGenerator"/> itself, nothing can observe it, and threading an
/// instance through every dialog, leg and registration would buy nothing. Each byte is handed out
/// once: the position only moves forward, and a draw that does not fit the rest of the buffer refills
/// it whole (the few bytes left are dropped, never reused).
/// </remarks>
public sealed class SipTokens
{
    /// <summary>RFC 3261 8.1.1.7: the magic cookie every branch we make starts with.</summary>
    public const string BranchPrefix = "z9hG4bK";

    internal const int BufferBytes = 512;

    [ThreadStatic]
    private static SipTokens? t_current;

    private readonly byte[] _buffer;
    private readonly Action<byte[]> _fill;
    private int _position;

    /// <summary>A buffer of its own with the given fill (tests); the statics use one per thread.</summary>
    internal SipTokens(int bufferBytes, Action<byte[]> fill)
    {
        _buffer = new byte[bufferBytes];
        _fill = fill;
        _position = bufferBytes; // empty: the first draw fills it
    }

    private static SipTokens Current => t_current ??= new SipTokens(BufferBytes, static b => RandomNumberGenerator.Fill(b));

    /// <summary><paramref name="byteCount"/> random bytes as lowercase hex (twice as many characters).</summary>
    public static string Hex(int byteCount) => Current.NextHex("", byteCount);

    /// <summary>A Via branch: <c>z9hG4bK</c> and 8 random bytes in hex (RFC 3261 8.1.1.7).</summary>
    public static string Branch() => Current.NextHex(BranchPrefix, 8);

    /// <summary>A uniformly random int in [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>).</summary>
    public static int Number(int fromInclusive, int toExclusive) => Current.NextNumber(fromInclusive, toExclusive);

    internal string NextHex(string prefix, int byteCount)
    {
        var offset = Take(byteCount);
        return string.Create(prefix.Length + (2 * byteCount), (prefix, _buffer, offset, byteCount), static (chars, s) =>
        {
            s.prefix.CopyTo(chars);
            Convert.TryToHexStringLower(s._buffer.AsSpan(s.offset, s.byteCount), chars[s.prefix.Length..], out _);
        });
    }

    internal int NextNumber(int fromInclusive, int toExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fromInclusive, toExclusive);
        var range = (uint)(toExclusive - fromInclusive - 1);
        if (range == 0)
        {
            return fromInclusive;
        }

        // As RandomNumberGenerator.GetInt32: mask to the next power of two and reject values past the
        // range, so every value is equally likely (a modulo would favour the low ones).
        var mask = uint.MaxValue >> BitOperations.LeadingZeroCount(range);
        while (true)
        {
            var value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(Take(sizeof(uint)))) & mask;
            if (value <= range)
            {
                return (int)(fromInclusive + value);
            }
        }
    }

    /// <summary>Reserves <paramref name="count"/> unused bytes and returns where they start.</summary>
    private int Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length);
        if (_buffer.Length - _position < count)
        {
            _fill(_buffer);
            _position = 0;
        }

        var offset = _position;
        _position += count;
        return offset;
    }
}
