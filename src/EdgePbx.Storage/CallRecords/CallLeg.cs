namespace EdgePbx.Storage.CallRecords;

/// <summary>One leg of a call: who or what was reached, when, with which final SIP status.</summary>
public sealed record CallLeg(
    LegKind Kind,
    string Target,
    DateTimeOffset Start,
    DateTimeOffset? Answer,
    DateTimeOffset End,
    int SipStatus,
    MediaQuality? Quality);
