namespace EdgePbx.Storage.CallRecords;

/// <summary>How a call ended. Stored as its number: never renumber, only append.</summary>
public enum CallOutcome
{
    Answered = 1,
    Missed = 2,
    Busy = 3,
    /// <summary>Refused by the plan (black list, limit, closed hours); <see cref="CallRecord.OutcomeReason"/> says why.</summary>
    Blocked = 4,
    Voicemail = 5,
    Fax = 6,
    Failed = 7,
}
