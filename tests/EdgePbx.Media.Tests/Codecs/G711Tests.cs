using EdgePbx.Media.Codecs;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Media.Tests.Codecs;

public sealed class G711Tests
{
    [Theory]
    [InlineData(AudioCodec.Pcmu)]
    [InlineData(AudioCodec.Pcma)]
    public void Every_code_word_decodes_and_encodes_back_to_itself_except_negative_zero(AudioCodec codec)
    {
        var codes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var pcm = new short[256];
        var again = new byte[256];

        G711.Decode(codec, codes, pcm);
        G711.Encode(codec, pcm, again);

        // µ-law has two zeros (0x7F and 0xFF); both decode to 0 and encode to 0xFF.
        var mismatches = Enumerable.Range(0, 256).Where(i => codes[i] != again[i]).ToArray();
        Assert.True(mismatches.Length <= 1, $"mismatched codes: {string.Join(",", mismatches)}");
    }

    [Theory]
    [InlineData(AudioCodec.Pcmu, 0, 0xFF)]
    [InlineData(AudioCodec.Pcma, 0, 0xD5)]
    public void Zero_encodes_to_the_G711_silence_code(AudioCodec codec, short sample, byte expected)
    {
        Span<byte> one = stackalloc byte[1];
        G711.Encode(codec, [sample], one);

        Assert.Equal(expected, one[0]);
        Assert.Equal(expected, G711.SilenceByte(codec));
    }

    [Theory]
    [InlineData(AudioCodec.Pcmu)]
    [InlineData(AudioCodec.Pcma)]
    public void Sine_round_trip_keeps_signal_to_quantisation_noise_above_30_db(AudioCodec codec)
    {
        var pcm = Enumerable.Range(0, 800).Select(i => (short)(10000 * Math.Sin(2 * Math.PI * 1000 * i / 8000.0))).ToArray();
        var encoded = new byte[800];
        var decoded = new short[800];

        G711.Encode(codec, pcm, encoded);
        G711.Decode(codec, encoded, decoded);

        double signal = 0, noise = 0;
        for (var i = 0; i < pcm.Length; i++)
        {
            signal += (double)pcm[i] * pcm[i];
            noise += (double)(pcm[i] - decoded[i]) * (pcm[i] - decoded[i]);
        }

        Assert.True(10 * Math.Log10(signal / noise) > 30);
    }

    [Fact]
    public void Pcmu_to_pcma_transcoding_matches_decode_then_encode()
    {
        var mu = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var a = new byte[256];
        var pcm = new short[256];
        var expected = new byte[256];

        G711.Transcode(AudioCodec.Pcmu, AudioCodec.Pcma, mu, a);
        G711.Decode(AudioCodec.Pcmu, mu, pcm);
        G711.Encode(AudioCodec.Pcma, pcm, expected);

        Assert.Equal(expected, a);
        Assert.Equal(0xD5, a[0xFF]);
    }

    [Fact]
    public void Pcma_to_pcmu_transcoding_stays_within_one_quantisation_step()
    {
        var a = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var mu = new byte[256];
        var viaMu = new short[256];
        var direct = new short[256];

        G711.Transcode(AudioCodec.Pcma, AudioCodec.Pcmu, a, mu);
        G711.Decode(AudioCodec.Pcmu, mu, viaMu);
        G711.Decode(AudioCodec.Pcma, a, direct);

        for (var i = 0; i < 256; i++)
        {
            // µ-law steps are at most 1024 at full scale; the transcoded value lies within one step.
            Assert.InRange(Math.Abs(viaMu[i] - direct[i]), 0, Math.Max(1024, Math.Abs(direct[i]) / 8));
        }
    }

    [Fact]
    public void Transcoding_a_frame_allocates_nothing()
    {
        var source = new byte[160];
        var destination = new byte[160];
        G711.Transcode(AudioCodec.Pcmu, AudioCodec.Pcma, source, destination);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            G711.Transcode(AudioCodec.Pcmu, AudioCodec.Pcma, source, destination);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
