using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Web.Prompts;

/// <summary>
/// Whether an audio file is one the call engine can play: a RIFF/WAVE file of 8 kHz mono 16-bit PCM, µ-law or
/// A-law, read by the same loader the engine uses, so "accepted here" means "plays on a call". Hostile files
/// (truncated chunks, absurd sizes) are a refusal, never an exception.
/// </summary>
public static class WavCheck
{
    public sealed record Outcome(TimeSpan? Length, string? Problem)
    {
        public bool Playable => Problem is null;
    }

    public static Outcome Check(ReadOnlyMemory<byte> bytes, string name)
    {
        var span = bytes.Span;
        if (span.Length < 44 || !span[..4].SequenceEqual("RIFF"u8) || !span.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return new Outcome(null, "not a WAV file (it does not start with RIFF…WAVE); save it as WAV, 8000 Hz mono");
        }

        if (ChunkProblem(span) is { } damaged)
        {
            return new Outcome(null, "a damaged WAV file: " + damaged);
        }

        PromptLoadResult loaded;
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            loaded = WavPromptLoader.Load(stream, AudioCodec.Pcma, name);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or IOException or OverflowException or FormatException)
        {
            return new Outcome(null, $"a damaged WAV file ({e.Message})");
        }

        if (loaded.Audio is not { } audio)
        {
            // The loader's sentence starts with the name; the form already says which file.
            var problem = loaded.Error ?? "cannot be played";
            return new Outcome(null, problem.StartsWith(name + ": ", StringComparison.Ordinal) ? problem[(name.Length + 2)..] : problem);
        }

        return audio.Encoded.Length < 800
            ? new Outcome(null, "has less than 0.1 s of audio")
            : new Outcome(audio.Duration, null);
    }

    /// <summary>
    /// Walks the RIFF chunks before any parser sees them: every chunk must fit in the file and "fmt " must come
    /// before "data", so a header that claims gigabytes cannot make the loader allocate them.
    /// </summary>
    private static string? ChunkProblem(ReadOnlySpan<byte> wav)
    {
        var format = false;
        for (var at = 12; at + 8 <= wav.Length;)
        {
            var id = wav.Slice(at, 4);
            var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(at + 4, 4));
            var left = wav.Length - (at + 8);
            if (size > left)
            {
                return $"the {System.Text.Encoding.ASCII.GetString(id).Trim()} chunk claims {size} bytes, the file has {left} left";
            }

            if (id.SequenceEqual("fmt "u8))
            {
                format = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                return format ? null : "the data chunk comes before the format chunk";
            }

            at += 8 + (int)size + (int)(size & 1);
        }

        return "there is no data chunk";
    }
}
