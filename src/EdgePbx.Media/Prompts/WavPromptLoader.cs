using EdgePbx.Media.Codecs;
using EdgePbx.Media.Sdp;
using NAudio.Wave;

namespace EdgePbx.Media.Prompts;

/// <summary>
/// Reads prompt WAV files through NAudio's WaveFileReader: 8 kHz mono 16-bit PCM, µ-law or A-law. Anything
/// else is refused with a message naming the format and what to convert it to (resampling is not done here).
/// </summary>
public static class WavPromptLoader
{
    public static PromptLoadResult Load(Stream wav, AudioCodec codec, string name)
    {
        ArgumentNullException.ThrowIfNull(wav);
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
            if (format.SampleRate != 8000 || format.Channels != 1)
            {
                return Refuse(name, format);
            }

            var data = new byte[reader.Length];
            var read = reader.Read(data, 0, data.Length);
            var bytes = data.AsSpan(0, read);
            switch (format.Encoding)
            {
                case WaveFormatEncoding.Pcm when format.BitsPerSample == 16:
                    var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes[..(read & ~1)]);
                    var encoded = new byte[samples.Length];
                    G711.Encode(codec, samples, encoded);
                    return new PromptLoadResult(new PromptAudio(codec, encoded), null);
                case WaveFormatEncoding.MuLaw or WaveFormatEncoding.ALaw when format.BitsPerSample == 8:
                    var source = format.Encoding == WaveFormatEncoding.MuLaw ? AudioCodec.Pcmu : AudioCodec.Pcma;
                    var output = new byte[read];
                    G711.Transcode(source, codec, bytes, output);
                    return new PromptLoadResult(new PromptAudio(codec, output), null);
                default:
                    return Refuse(name, format);
            }
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

    private static PromptLoadResult Refuse(string name, WaveFormat format) => new(
        null,
        $"{name}: {format.Encoding} {format.SampleRate} Hz {format.BitsPerSample}-bit {format.Channels} channel(s) is not supported; " +
        "use 8000 Hz mono 16-bit PCM, mu-law or A-law (sox IN.wav -r 8000 -c 1 -b 16 OUT.wav)");
}
