namespace EdgePbx.Storage.CallRecords;

/// <summary>What a leg was for. Stored as its number: never renumber, only append.</summary>
public enum LegKind
{
    /// <summary>The caller's leg from the trunk (or a desk phone).</summary>
    Inbound = 1,
    /// <summary>One attempt of a hunt group to ring an extension.</summary>
    HuntAttempt = 2,
    /// <summary>A forward through the trunk to an external number.</summary>
    Forward = 3,
    Voicemail = 4,
    Fax = 5,
}
