namespace EdgePbx.Sip.Events;

/// <summary>
/// One RFC 3842 msg-summary-line: a message-context-class ("Voice-Message") with new/old counts and, when
/// given, the urgent new/old counts in parentheses ("Voice-Message: 4/8 (1/2)").
/// </summary>
public readonly record struct MessageCounts(string ContextClass, int New, int Old, int? NewUrgent = null, int? OldUrgent = null);
