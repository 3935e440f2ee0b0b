namespace EdgePbx.Daemon.Configuration;

/// <summary>Voicemail: the access number phones dial, message limits, and unsolicited message-waiting NOTIFY.</summary>
public sealed record VoicemailSettings
{
    /// <summary>What a registered phone dials to reach its mailbox.</summary>
    public string AccessNumber { get; init; } = "*97";

    public int MaxMessageSeconds { get; init; } = 120;

    /// <summary>Seconds without speech that end a message.</summary>
    public int SilenceSeconds { get; init; } = 5;

    /// <summary>Send message-summary NOTIFY to registered phones that do not subscribe.</summary>
    public bool UnsolicitedNotify { get; init; }
}
