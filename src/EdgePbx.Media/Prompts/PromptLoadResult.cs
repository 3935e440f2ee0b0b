namespace EdgePbx.Media.Prompts;

/// <summary>A loaded prompt or a sentence saying why the file cannot be played.</summary>
public sealed record PromptLoadResult(PromptAudio? Audio, string? Error)
{
    public bool Success => Audio is not null;
}
