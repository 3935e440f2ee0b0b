namespace EdgePbx.Routing.Model;

/// <summary>
/// An access number / DID the box answers (a 400 number or a local DID) and its entry flow:
/// <paramref name="Welcome"/> audio ("colour ringback") first, then <paramref name="Night"/> while the
/// front-panel night switch is on, else the first matching rule, else <paramref name="Default"/>.
/// <paramref name="Fax"/> is where detected fax calls go; <paramref name="MaxConcurrent"/> limits
/// simultaneous calls on this number (null: only the plan-wide limit).
/// </summary>
public sealed record NumberEntry(
    string Default,
    string? Name = null,
    string? Welcome = null,
    RingbackKind Ringback = RingbackKind.Tone,
    string? RingbackAudio = null,
    int? MaxConcurrent = null,
    string? Fax = null,
    string? Night = null,
    IReadOnlyList<RouteRule>? Rules = null)
{
    /// <summary>Rules tried in order; the first that matches decides.</summary>
    public IReadOnlyList<RouteRule> Rules { get; init; } = Rules ?? [];
}
