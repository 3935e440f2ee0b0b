using System.Buffers.Binary;
using System.Text;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Media.Tests.Prompts;

/// <summary>
/// WAV headers crafted byte by byte: every chunk size is checked against the real file before NAudio reads a
/// byte of audio, so a header claiming gigabytes is a clear refusal, not an allocation.
/// </summary>
public sealed class WavChunkCheckTests
{
    [Fact]
    public void A_data_chunk_claiming_2_gb_is_refused_without_allocating_it()
    {
        var wav = Wav(Fmt(8000, 1, 16), Chunk("data", new byte[16000], claimed: int.MaxValue));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = WavPromptLoader.Load(new MemoryStream(wav), AudioCodec.Pcmu, "big.wav");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("big.wav: a damaged WAV file: the data chunk claims 2147483647 bytes, the file has 16000 left", result.Error);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_format_chunk_claiming_4_gb_is_refused()
    {
        var wav = Wav(Chunk("fmt ", Fmt(8000, 1, 16).Data, claimed: uint.MaxValue), Chunk("data", new byte[1600]));
        Assert.Equal("x: a damaged WAV file: the fmt chunk claims 4294967295 bytes, the file has 1624 left", Load(wav));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2000)]
    public void A_format_chunk_of_an_implausible_size_is_refused(int size)
    {
        var wav = Wav(Chunk("fmt ", new byte[size]), Chunk("data", new byte[1600]));
        Assert.Equal($"x: a damaged WAV file: the fmt chunk is {size} bytes; a format takes 16 to 1024", Load(wav));
    }

    [Fact]
    public void A_riff_size_beyond_the_file_is_refused()
    {
        var wav = Wav(Fmt(8000, 1, 16), Chunk("data", new byte[1600]));
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), 0x7FFF_FFF0);
        Assert.Equal($"x: a damaged WAV file: the RIFF chunk claims {0x7FFF_FFF0} bytes, the file has {wav.Length - 8}", Load(wav));
    }

    [Fact]
    public void An_unknown_chunk_claiming_more_than_the_file_is_refused()
    {
        var wav = Wav(Fmt(8000, 1, 16), Chunk("LIST", new byte[10], claimed: 1_000_000), Chunk("data", new byte[1600]));
        Assert.Equal($"x: a damaged WAV file: the LIST chunk claims 1000000 bytes, the file has {10 + 8 + 1600} left", Load(wav));
    }

    [Fact]
    public void Data_before_the_format_and_no_data_at_all_are_refused()
    {
        Assert.Equal("x: a damaged WAV file: the data chunk comes before the format chunk", Load(Wav(Chunk("data", new byte[1600]), Fmt(8000, 1, 16))));
        Assert.Equal("x: a damaged WAV file: there is no data chunk", Load(Wav(Fmt(8000, 1, 16), Chunk("LIST", new byte[40]))));
    }

    [Fact]
    public void Data_longer_than_a_prompt_may_last_is_refused()
    {
        // 4 kHz 8-bit mono: 4000 bytes a second, 1801 s in 7.2 MB.
        var wav = Wav(Fmt(4000, 1, 8), Chunk("data", new byte[4000 * 1801]));
        Assert.Equal("x: 1801 s of audio is longer than a prompt may last (1800 s)", Load(wav));
        Assert.Equal(TimeSpan.FromMinutes(30), WavPromptLoader.MaxLength);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(43)]
    public void Fewer_bytes_than_a_wav_header_or_another_magic_is_not_a_wav_file(int length)
    {
        var wav = Wav(Fmt(8000, 1, 16), Chunk("data", new byte[1600]));
        const string Expected = "x: not a WAV file (it does not start with RIFF…WAVE); save it as WAV, 8000 Hz mono";
        Assert.Equal(Expected, Load(wav[..length]));
        "RIFX"u8.CopyTo(wav);
        Assert.Equal(Expected, Load(wav));
    }

    [Fact]
    public void Odd_sized_chunks_with_their_pad_byte_before_the_data_still_load()
    {
        var samples = new byte[1600];
        for (var i = 0; i < samples.Length; i += 2)
        {
            BinaryPrimitives.WriteInt16LittleEndian(samples.AsSpan(i), (short)(i * 7));
        }

        var wav = Wav(Chunk("LIST", new byte[3]), Fmt(8000, 1, 16), Chunk("fact", new byte[5]), Chunk("data", samples));
        var result = WavPromptLoader.Load(new MemoryStream(wav), AudioCodec.Pcmu, "x");

        Assert.True(result.Success, result.Error);
        Assert.Equal(800, result.Audio!.Encoded.Length);
    }

    [Fact]
    public void A_crafted_file_on_disk_is_named_by_its_path_and_the_stream_is_left_where_it_was()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgepbx-crafted-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, Wav(Fmt(8000, 1, 16), Chunk("data", new byte[800], claimed: 900)));
        try
        {
            Assert.Equal($"{path}: a damaged WAV file: the data chunk claims 900 bytes, the file has 800 left", WavPromptLoader.Load(path, AudioCodec.Pcma).Error);
        }
        finally
        {
            File.Delete(path);
        }

        using var stream = new MemoryStream(Wav(Fmt(8000, 1, 16), Chunk("data", new byte[1600])));
        Assert.True(WavPromptLoader.Load(stream, AudioCodec.Pcmu, "x").Success);
    }

    private static string? Load(byte[] wav) => WavPromptLoader.Load(new MemoryStream(wav), AudioCodec.Pcmu, "x").Error;

    private sealed record RiffChunk(string Id, byte[] Data, long Claimed);

    private static RiffChunk Chunk(string id, byte[] data, long? claimed = null) => new(id, data, claimed ?? data.Length);

    private static RiffChunk Fmt(int rate, short channels, short bits)
    {
        var fmt = new byte[16];
        var blockAlign = (short)(channels * bits / 8);
        BinaryPrimitives.WriteInt16LittleEndian(fmt, 1);
        BinaryPrimitives.WriteInt16LittleEndian(fmt.AsSpan(2), channels);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), rate);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), rate * blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(fmt.AsSpan(12), blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(fmt.AsSpan(14), bits);
        return Chunk("fmt ", fmt);
    }

    /// <summary>RIFF/WAVE with the chunks in order, each padded to an even length (RIFF), sizes as claimed.</summary>
    private static byte[] Wav(params RiffChunk[] chunks)
    {
        using var body = new MemoryStream();
        var size = new byte[4];
        foreach (var chunk in chunks)
        {
            body.Write(Encoding.ASCII.GetBytes(chunk.Id));
            BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)chunk.Claimed);
            body.Write(size);
            body.Write(chunk.Data);
            if (chunk.Data.Length % 2 == 1)
            {
                body.WriteByte(0);
            }
        }

        var wav = new byte[12 + body.Length];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), (uint)(4 + body.Length));
        "WAVE"u8.CopyTo(wav.AsSpan(8));
        body.ToArray().CopyTo(wav, 12);
        return wav;
    }
}
