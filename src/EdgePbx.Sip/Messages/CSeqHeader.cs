namespace EdgePbx.Sip.Messages;

/// <summary>RFC 3261 20.16 CSeq: sequence number and method.</summary>
public readonly record struct CSeqHeader(long Number, string Method);
