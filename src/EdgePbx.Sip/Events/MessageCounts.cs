namespace EdgePbx.Sip.Events;

/// <summary>
/// One RFC 3842 msg-summary-line: a message-context-class ("Voice-Message") with new/old counts and, when
/// given, the urgent new/old counts in parentheses ("Voice-Message: 4/8 (1/2)"); RFC 3842 5.2 bounds each count to 2^32-1.
/// </summary>
public readonly record struct MessageCounts(string ContextClass, uint New, uint Old, uint? NewUrgent = null, uint? OldUrgent = null);
