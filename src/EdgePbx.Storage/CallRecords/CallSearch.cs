namespace EdgePbx.Storage.CallRecords;

/// <summary>
/// A search over call records, newest first. Every filter is optional; <see cref="After"/> is the cursor of
/// the previous page (keyset paging: page 500 costs the same as page 1, and records written meanwhile do
/// not shift the pages).
/// </summary>
public sealed record CallSearch
{
    public const int MaxPageSize = 500;

    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    /// <summary>Matches the caller or the called number exactly.</summary>
    public string? Number { get; init; }
    public CallOutcome? Outcome { get; init; }
    /// <summary>Matches the extension that answered or any leg that rang it.</summary>
    public string? Extension { get; init; }
    public int PageSize { get; init; } = 50;
    public CallCursor? After { get; init; }
}
