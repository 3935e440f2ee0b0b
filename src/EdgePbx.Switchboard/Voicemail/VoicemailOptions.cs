namespace EdgePbx.Switchboard.Voicemail;

/// <summary>Where voicemail lives and how deposits and the mailbox menu behave (the daemon's settings decide them).</summary>
public sealed record VoicemailOptions
{
    /// <summary>The folder of message WAVs ("BOX/….wav") and greetings ("greetings/BOX/busy.wav"), in the data directory.</summary>
    public required string Directory { get; init; }

    /// <summary>The longest message kept; recording stops there (the caller is hung up on).</summary>
    public TimeSpan MaxMessageLength { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>This long without speech ends a recording; the trailing silence is not kept.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A 20 ms frame whose mean absolute 16-bit sample is below this is silence (about -40 dBFS).</summary>
    public int SilenceLevel { get; init; } = 300;

    /// <summary>The number a registered phone dials to reach its own mailbox.</summary>
    public string AccessNumber { get; init; } = "*97";

    /// <summary>PIN attempts before the mailbox menu hangs up.</summary>
    public int PinAttempts { get; init; } = 3;

    /// <summary>The menu waits this long for a key (or the next PIN digit) before prompting again or giving up.</summary>
    public TimeSpan MenuTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>A greeting recorded by phone is at most this long.</summary>
    public TimeSpan MaxGreetingLength { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Also send message-summary NOTIFY out of dialog to registered contacts of the owner that hold no
    /// subscription (phones configured for unsolicited MWI).
    /// </summary>
    public bool UnsolicitedNotify { get; init; }

    /// <summary>Played before the beep when the box has no greeting of its own (relative to the prompt folder); missing: beep only.</summary>
    public string DefaultGreeting { get; init; } = "prompts/voicemail-greeting.wav";

    /// <summary>Largest greeting WAV accepted from an upload.</summary>
    public long MaxGreetingBytes { get; init; } = 4 * 1024 * 1024;
}
