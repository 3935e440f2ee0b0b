namespace EdgePbx.Routing.Model;

/// <summary>
/// A date ("yyyy-MM-dd", optionally through <paramref name="Until"/>) whose opening replaces the weekly
/// windows: closed when <paramref name="Windows"/> is empty (a holiday), open during them otherwise
/// (a make-up working day).
/// </summary>
public sealed record DateOverride(
    string Date,
    string? Until = null,
    string? Name = null,
    IReadOnlyList<TimeRange>? Windows = null)
{
    public IReadOnlyList<TimeRange> Windows { get; init; } = Windows ?? [];
}
