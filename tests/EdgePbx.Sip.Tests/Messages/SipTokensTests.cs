using System.Buffers.Binary;
using System.Text.RegularExpressions;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Tests.Messages;

public sealed class SipTokensTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(10)]
    [InlineData(32)]
    public void Hex_is_lowercase_hex_two_characters_per_byte(int bytes)
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.Matches(new Regex($"^[0-9a-f]{{{2 * bytes}}}$"), SipTokens.Hex(bytes));
        }
    }

    [Fact]
    public void Branch_is_the_magic_cookie_and_sixteen_hex_digits()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.Matches("^z9hG4bK[0-9a-f]{16}$", SipTokens.Branch());
        }
    }

    [Fact]
    public void No_two_of_100000_tokens_are_equal()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(seen.Add(SipTokens.Hex(8)));
        }
    }

    [Fact]
    public void Tokens_from_two_threads_differ()
    {
        var a = new List<string>();
        var b = new List<string>();
        var first = new Thread(() => Draw(a));
        var second = new Thread(() => Draw(b));
        first.Start();
        second.Start();
        first.Join();
        second.Join();

        Assert.Equal(20_000, a.Concat(b).Distinct(StringComparer.Ordinal).Count());

        static void Draw(List<string> into)
        {
            for (var i = 0; i < 10_000; i++)
            {
                into.Add(SipTokens.Hex(8));
            }
        }
    }

    [Fact]
    public void Tokens_across_the_refill_of_a_fresh_thread_buffer_stay_well_formed_and_distinct()
    {
        var tokens = new List<string>();
        var thread = new Thread(() =>
        {
            // 5-byte tags: 102 fit the buffer, the 103rd makes it refill with 2 bytes left over.
            for (var i = 0; i < 3 * SipTokens.BufferBytes / 5; i++)
            {
                tokens.Add(SipTokens.Hex(5));
            }
        });
        thread.Start();
        thread.Join();

        Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{10}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_draw_that_does_not_fit_refills_the_buffer_and_no_byte_is_handed_out_twice()
    {
        byte next = 0;
        var fills = 0;
        var tokens = new SipTokens(16, buffer =>
        {
            fills++;
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = next++;
            }
        });

        Assert.Equal("0001020304", tokens.NextHex("", 5));
        Assert.Equal("0506070809", tokens.NextHex("", 5));
        Assert.Equal("z9hG4bK0a0b0c0d0e", tokens.NextHex(SipTokens.BranchPrefix, 5));
        Assert.Equal(1, fills);

        // Byte 0x0f is left over: the next draw starts on the refilled buffer, never on used bytes.
        Assert.Equal("1011121314", tokens.NextHex("", 5));
        Assert.Equal(2, fills);
    }

    [Fact]
    public void Number_rejects_values_past_the_range_instead_of_folding_them()
    {
        var tokens = new SipTokens(8, buffer =>
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, 3); // masked to 3: outside [0, 3)
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), 2);
        });

        Assert.Equal(12, tokens.NextNumber(10, 13));
    }

    [Fact]
    public void Number_covers_its_range_and_stays_inside_it()
    {
        var counts = new int[4];
        for (var i = 0; i < 4_000; i++)
        {
            var value = SipTokens.Number(1, 5);
            Assert.InRange(value, 1, 4);
            counts[value - 1]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 800, 1_200));
        Assert.Equal(7, SipTokens.Number(7, 8));
        Assert.InRange(SipTokens.Number(1, int.MaxValue), 1, int.MaxValue - 1);
    }

    [Fact]
    public void A_draw_larger_than_the_buffer_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SipTokens.Hex(SipTokens.BufferBytes + 1));
    }
}
