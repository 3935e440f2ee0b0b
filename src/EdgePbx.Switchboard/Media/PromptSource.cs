using EdgePbx.Media.Prompts;

namespace EdgePbx.Switchboard.Media;

/// <summary>A prompt played once, or over and over (ringback audio) when <paramref name="loop"/> is set.</summary>
public sealed class PromptSource(PromptAudio audio, bool loop) : IFrameSource
{
    private PromptPlayer _player = new(audio);

    public bool NextFrame(Span<byte> frame)
    {
        if (_player.NextFrame(frame))
        {
            return true;
        }

        if (!loop || audio.FrameCount == 0)
        {
            return false;
        }

        _player = new PromptPlayer(audio);
        return _player.NextFrame(frame);
    }
}
