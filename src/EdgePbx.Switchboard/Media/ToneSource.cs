using EdgePbx.Media.Codecs;
using EdgePbx.Media.Sdp;
using EdgePbx.Media.Tones;

namespace EdgePbx.Switchboard.Media;

/// <summary>A call-progress tone (ringback) encoded in the leg's codec; it never ends by itself.</summary>
public sealed class ToneSource(ToneSpec spec, AudioCodec codec) : IFrameSource
{
    private readonly ToneGenerator _generator = new(spec);
    private readonly short[] _pcm = new short[160];

    public bool NextFrame(Span<byte> frame)
    {
        _generator.Fill(_pcm);
        G711.Encode(codec, _pcm, frame);
        return true;
    }
}
