namespace EdgePbx.Storage.Voicemail;

/// <summary>Index entry for one voicemail; the audio itself is a WAV file in the data directory named by <see cref="FileName"/>.</summary>
public sealed record VoicemailMessage(long Id, string Mailbox, string Caller, DateTimeOffset Received, TimeSpan Duration, string FileName, bool Heard);
