using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Web.Prompts;

/// <summary>
/// Whether an audio file is one the call engine can play: a RIFF/WAVE file of 8 kHz mono 16-bit PCM, µ-law or
/// A-law, read by the same loader the engine uses, so "accepted here" means "plays on a call"; hostile files
/// (truncated chunks, absurd sizes) are refused by that loader with the sentence shown beside the field.
/// </summary>
public static class WavCheck
{
    public sealed record Outcome(TimeSpan? Length, string? Problem)
    {
        public bool Playable => Problem is null;
    }

    public static Outcome Check(ReadOnlyMemory<byte> bytes, string name)
    {
        // The loader walks the chunks against the real length before decoding (a header claiming gigabytes is
        // refused, not allocated) and turns every damaged file into a sentence, never an exception.
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        var loaded = WavPromptLoader.Load(stream, AudioCodec.Pcma, name);
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
}
