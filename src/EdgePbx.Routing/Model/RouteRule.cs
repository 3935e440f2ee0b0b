namespace EdgePbx.Routing.Model;

/// <summary>
/// One conditional route of a number. Every condition given must hold (AND); an absent condition is
/// ignored; within a list any entry matching suffices. <paramref name="Schedule"/> matches while open
/// (or while closed when <paramref name="WhenOpen"/> is false); <paramref name="Regions"/> are
/// "Province" or "Province/City"; <paramref name="Carriers"/> CMCC, CUCC, CTCC, CBN, MVNO. The rule then
/// sends the call to <paramref name="Target"/> or splits it by integer percent (<paramref name="Split"/>).
/// </summary>
public sealed record RouteRule(
    string? Name = null,
    string? Schedule = null,
    bool WhenOpen = true,
    IReadOnlyList<string>? Regions = null,
    IReadOnlyList<string>? Carriers = null,
    IReadOnlyList<string>? CallerPrefixes = null,
    string? Target = null,
    IReadOnlyList<SplitShare>? Split = null)
{
    public IReadOnlyList<string> Regions { get; init; } = Regions ?? [];
    public IReadOnlyList<string> Carriers { get; init; } = Carriers ?? [];
    public IReadOnlyList<string> CallerPrefixes { get; init; } = CallerPrefixes ?? [];
    public IReadOnlyList<SplitShare> Split { get; init; } = Split ?? [];
}
