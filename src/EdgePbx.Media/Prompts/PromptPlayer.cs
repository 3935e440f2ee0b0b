namespace EdgePbx.Media.Prompts;

/// <summary>
/// Plays a prompt one 20 ms frame per media clock tick; the last frame is padded with the codec's silence.
/// <see cref="Stop"/> is the barge-in hook (the engine calls it when a digit arrives).
/// </summary>
public sealed class PromptPlayer(PromptAudio prompt)
{
    private int _frame;
    private bool _stopped;

    public bool Finished => _stopped || _frame >= prompt.FrameCount;

    public void Stop() => _stopped = true;

    /// <summary>Writes the next 160-byte frame; false once the prompt is over or stopped.</summary>
    public bool NextFrame(Span<byte> frame)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (Finished)
        {
            return false;
        }

        var start = _frame++ * PromptAudio.FrameBytes;
        var take = Math.Min(PromptAudio.FrameBytes, prompt.Encoded.Length - start);
        prompt.Encoded.Span.Slice(start, take).CopyTo(frame);
        frame[take..PromptAudio.FrameBytes].Fill(Codecs.G711.SilenceByte(prompt.Codec));
        return true;
    }
}
