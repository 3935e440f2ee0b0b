namespace EdgePbx.Routing.Model;

/// <summary>
/// Weekly opening windows plus date overrides (holidays, make-up working days). An override for a date
/// replaces that date's weekly windows entirely, so a holiday on a Monday closes the Monday.
/// </summary>
public sealed record Schedule(
    string? Name = null,
    IReadOnlyList<WeeklyWindow>? Weekly = null,
    IReadOnlyList<DateOverride>? Overrides = null)
{
    public IReadOnlyList<WeeklyWindow> Weekly { get; init; } = Weekly ?? [];
    public IReadOnlyList<DateOverride> Overrides { get; init; } = Overrides ?? [];
}
