namespace EdgePbx.Switchboard.Media;

/// <summary>A never-ending source (a tone, silence) cut to a number of 20 ms frames: the voicemail beep, a pause.</summary>
public sealed class TimedSource(IFrameSource inner, int frames) : IFrameSource
{
    private int _left = frames;

    /// <summary>Silence in the given codec for <paramref name="frames"/> frames.</summary>
    public static TimedSource Silence(EdgePbx.Media.Sdp.AudioCodec codec, int frames) => new(new SilenceSource(codec), frames);

    public bool NextFrame(Span<byte> frame)
    {
        if (_left <= 0)
        {
            return false;
        }

        _left--;
        return inner.NextFrame(frame);
    }

    private sealed class SilenceSource(EdgePbx.Media.Sdp.AudioCodec codec) : IFrameSource
    {
        public bool NextFrame(Span<byte> frame)
        {
            frame.Fill(EdgePbx.Media.Codecs.G711.SilenceByte(codec));
            return true;
        }
    }
}
