namespace EdgePbx.Sip.Messages;

/// <summary>One header line in the raw message: its name and (trimmed, possibly folded) value.</summary>
public readonly record struct HeaderEntry(HeaderKind Kind, Segment Name, Segment Value);
