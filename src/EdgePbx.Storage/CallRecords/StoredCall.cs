namespace EdgePbx.Storage.CallRecords;

/// <summary>A record as read back, with the row id the web page uses to link to it.</summary>
public sealed record StoredCall(long RowId, CallRecord Record);
