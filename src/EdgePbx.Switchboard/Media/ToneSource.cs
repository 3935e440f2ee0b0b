using EdgePbx.Media.Codecs;
using EdgePbx.Media.Sdp;
using EdgePbx.Media.Tones;

namespace EdgePbx.Switchboard.Media;

/// <summary>A call-progress tone (ringback) encoded in the leg's codec; it never ends by itself.</summary>
public sealed class ToneSource(ToneGenerator generator, AudioCodec codec) : IFrameSource
{
    private const int FrameSamples = 160;

    public ToneSource(ToneSpec spec, AudioCodec codec)
        : this(new ToneGenerator(spec), codec)
    {
    }

    public bool NextFrame(Span<byte> frame)
    {
        Span<short> pcm = stackalloc short[FrameSamples];
        generator.Fill(pcm);
        G711.Encode(codec, pcm, frame);
        return true;
    }
}
