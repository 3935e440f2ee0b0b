using EdgePbx.Media.Sdp;

namespace EdgePbx.Media.Prompts;

/// <summary>A prompt decoded once and kept as G.711 in the leg's codec, ready to be cut into 20 ms frames.</summary>
public sealed class PromptAudio(AudioCodec codec, byte[] encoded)
{
    public const int FrameBytes = 160;

    public AudioCodec Codec { get; } = codec;

    public ReadOnlyMemory<byte> Encoded { get; } = encoded;

    public int FrameCount => (Encoded.Length + FrameBytes - 1) / FrameBytes;

    public TimeSpan Duration => TimeSpan.FromMilliseconds(Encoded.Length / 8.0);
}
