namespace EdgePbx.Switchboard.Voicemail;

/// <summary>Why a recording stopped by itself (the engine stops it for '#' and hang-up).</summary>
public enum RecordingEnd
{
    /// <summary>The maximum length was reached.</summary>
    Full,

    /// <summary>Writing failed (disk full, folder gone).</summary>
    WriteFailed,
}
