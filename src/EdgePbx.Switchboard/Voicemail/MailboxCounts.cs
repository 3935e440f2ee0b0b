namespace EdgePbx.Switchboard.Voicemail;

/// <summary>New (never saved) and old (saved) messages of a box.</summary>
public readonly record struct MailboxCounts(int New, int Old);
