using EdgePbx.Media.Codecs;
using EdgePbx.Media.Sdp;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace EdgePbx.Media.Prompts;

/// <summary>
/// Reads prompt WAV files through NAudio's WaveFileReader and turns them into the leg's G.711 once, so that a
/// call only copies frames. 8 kHz mono 16-bit PCM, µ-law and A-law go straight through; PCM of any rate and
/// width (8/16/24/32-bit), 32-bit float, mono or stereo, is mixed to mono and resampled to 8 kHz by NAudio's
/// WDL resampler (which low-pass filters, so a 44.1 kHz recording does not alias into the phone band).
/// Anything else (ADPCM, GSM, more than two channels) is refused with a message naming the format. The chunk
/// sizes a header claims are checked against the real file first (<see cref="WavChunkCheck"/>), so a file
/// claiming gigabytes is refused before anything is allocated for it.
/// </summary>
public static class WavPromptLoader
{
    private const int Rate = 8000;

    /// <summary>
    /// The longest audio a prompt file may hold: 30 minutes, the longest voicemail message the settings allow
    /// (voicemail.maxMessageSeconds), played back through this loader too. About 14 MB of G.711 in memory.
    /// </summary>
    public static TimeSpan MaxLength { get; } = TimeSpan.FromMinutes(30);

    /// <summary>Loads a WAV from a seekable stream (a file or a buffered upload); a hostile or damaged file is an error, never an exception.</summary>
    public static PromptLoadResult Load(Stream wav, AudioCodec codec, string name)
    {
        ArgumentNullException.ThrowIfNull(wav);
        if (!wav.CanSeek)
        {
            throw new ArgumentException("the prompt loader needs a seekable stream (a file or a buffer)", nameof(wav));
        }

        if (WavChunkCheck.Problem(wav, MaxLength) is { } problem)
        {
            return new PromptLoadResult(null, $"{name}: {problem}");
        }

        try
        {
            return Decode(wav, codec, name);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or OverflowException)
        {
            return new PromptLoadResult(null, $"{name}: a damaged WAV file ({e.Message})");
        }
    }

    private static PromptLoadResult Decode(Stream wav, AudioCodec codec, string name)
    {
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(wav);
        }
        catch (FormatException e)
        {
            return new PromptLoadResult(null, $"{name}: not a WAV file ({e.Message})");
        }

        using (reader)
        {
            var format = reader.WaveFormat;
            if (format.SampleRate == Rate && format.Channels == 1)
            {
                switch (format.Encoding)
                {
                    case WaveFormatEncoding.Pcm when format.BitsPerSample == 16:
                        var data = ReadAll(reader);
                        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(data.AsSpan(0, data.Length & ~1));
                        var encoded = new byte[samples.Length];
                        G711.Encode(codec, samples, encoded);
                        return new PromptLoadResult(new PromptAudio(codec, encoded), null);
                    case WaveFormatEncoding.MuLaw or WaveFormatEncoding.ALaw when format.BitsPerSample == 8:
                        var bytes = ReadAll(reader);
                        var source = format.Encoding == WaveFormatEncoding.MuLaw ? AudioCodec.Pcmu : AudioCodec.Pcma;
                        var output = new byte[bytes.Length];
                        G711.Transcode(source, codec, bytes, output);
                        return new PromptLoadResult(new PromptAudio(codec, output), null);
                }
            }

            return Convertible(format) ? Resample(reader, codec, name) : Refuse(name, format);
        }
    }

    public static PromptLoadResult Load(string path, AudioCodec codec)
    {
        if (!File.Exists(path))
        {
            return new PromptLoadResult(null, $"{path}: file not found");
        }

        using var stream = File.OpenRead(path);
        return Load(stream, codec, path);
    }

    private static bool Convertible(WaveFormat format)
    {
        if (format.Channels is < 1 or > 2 || format.SampleRate < 4000)
        {
            return false;
        }

        return Encoding(format) switch
        {
            WaveFormatEncoding.Pcm => format.BitsPerSample is 8 or 16 or 24 or 32,
            WaveFormatEncoding.IeeeFloat => format.BitsPerSample == 32,
            _ => false,
        };
    }

    /// <summary>
    /// The encoding, looking inside WAVE_FORMAT_EXTENSIBLE (what sox writes for 24/32-bit and more than two
    /// channels): its sub-format GUID follows valid bits (2 bytes) and channel mask (4) in the extra bytes.
    /// </summary>
    private static WaveFormatEncoding Encoding(WaveFormat format)
    {
        if (format.Encoding != WaveFormatEncoding.Extensible)
        {
            return format.Encoding;
        }

        var subFormat = format switch
        {
            WaveFormatExtensible extensible => extensible.SubFormat,
            WaveFormatExtraData { ExtraData.Length: >= 22 } extra => new Guid(extra.ExtraData.AsSpan(6, 16)),
            _ => Guid.Empty,
        };
        return subFormat == NAudio.Dmo.AudioMediaSubtypes.MEDIASUBTYPE_PCM ? WaveFormatEncoding.Pcm
            : subFormat == NAudio.Dmo.AudioMediaSubtypes.MEDIASUBTYPE_IEEE_FLOAT ? WaveFormatEncoding.IeeeFloat
            : WaveFormatEncoding.Extensible;
    }

    private static PromptLoadResult Resample(WaveFileReader reader, AudioCodec codec, string name)
    {
        var format = reader.WaveFormat;

        // Read the data chunk as plain PCM / float of the same shape, whatever header described it.
        var plain = Encoding(format) == WaveFormatEncoding.IeeeFloat
            ? WaveFormat.CreateIeeeFloatWaveFormat(format.SampleRate, format.Channels)
            : new WaveFormat(format.SampleRate, format.BitsPerSample, format.Channels);
        ISampleProvider samples;
        try
        {
            samples = new RawSourceWaveStream(reader, plain).ToSampleProvider();
        }
        catch (ArgumentException)
        {
            return Refuse(name, format);
        }

        if (reader.WaveFormat.Channels == 2)
        {
            samples = samples.ToMono(0.5f, 0.5f);
        }

        if (reader.WaveFormat.SampleRate != Rate)
        {
            samples = new WdlResamplingSampleProvider(samples, Rate);
        }

        var expected = (int)Math.Min(int.MaxValue / 2, (reader.SampleCount * Rate / reader.WaveFormat.SampleRate) + 1024);
        var pcm = new List<short>(expected);
        var buffer = new float[4096];
        int read;
        while ((read = samples.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                pcm.Add((short)Math.Clamp(MathF.Round(buffer[i] * 32767f), short.MinValue, short.MaxValue));
            }
        }

        var encoded = new byte[pcm.Count];
        G711.Encode(codec, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pcm), encoded);
        return new PromptLoadResult(new PromptAudio(codec, encoded), null);
    }

    private static byte[] ReadAll(WaveFileReader reader)
    {
        var data = new byte[reader.Length];
        var total = 0;
        int read;
        while (total < data.Length && (read = reader.Read(data, total, data.Length - total)) > 0)
        {
            total += read;
        }

        return total == data.Length ? data : data[..total];
    }

    private static PromptLoadResult Refuse(string name, WaveFormat format) => new(
        null,
        $"{name}: {format.Encoding} {format.SampleRate} Hz {format.BitsPerSample}-bit {format.Channels} channel(s) is not supported; " +
        "use PCM (8 to 32-bit, any rate, mono or stereo), 32-bit float, mu-law or A-law; best 8000 Hz mono 16-bit PCM " +
        "(sox IN.wav -r 8000 -c 1 -b 16 OUT.wav)");
}
