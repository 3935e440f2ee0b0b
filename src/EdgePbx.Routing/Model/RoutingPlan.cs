namespace EdgePbx.Routing.Model;

/// <summary>
/// The whole routing plan of one box: what the enterprise decided about its calls. Immutable; a new
/// plan replaces the old one as a whole (cloud push, web edit), so nothing here is ever mutated.
/// </summary>
/// <remarks>
/// Model records are positional with parameter defaults on purpose: the System.Text.Json source
/// generator honours constructor parameter defaults, but overwrites init-only property initializers
/// with default(T) when a property is absent from the JSON.
/// <paramref name="RegionPrefixes"/> maps installer-supplied mobile segments (usually the 7-digit
/// H-code) to "Province/City": the built-in table knows fixed-line area codes and carriers only, the
/// full MIIT segment list being too large to ship.
/// </remarks>
public sealed record RoutingPlan(
    int Version,
    IReadOnlyDictionary<string, NumberEntry> Numbers,
    string? TimeZone = null,
    IReadOnlyDictionary<string, Extension>? Extensions = null,
    IReadOnlyDictionary<string, HuntGroup>? Groups = null,
    IReadOnlyDictionary<string, IvrMenu>? Menus = null,
    IReadOnlyDictionary<string, Schedule>? Schedules = null,
    CallLists? Lists = null,
    IReadOnlyList<string>? BlockedRegions = null,
    IReadOnlyDictionary<string, string>? RegionPrefixes = null,
    Limits? Limits = null,
    Tariff? Tariff = null)
{
    /// <summary>The only format version this build understands.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The default zone: the boxes are sold in mainland China.</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    public string TimeZone { get; init; } = TimeZone ?? DefaultTimeZone;
    public IReadOnlyDictionary<string, Extension> Extensions { get; init; } = Extensions ?? new Dictionary<string, Extension>();
    public IReadOnlyDictionary<string, HuntGroup> Groups { get; init; } = Groups ?? new Dictionary<string, HuntGroup>();
    public IReadOnlyDictionary<string, IvrMenu> Menus { get; init; } = Menus ?? new Dictionary<string, IvrMenu>();
    public IReadOnlyDictionary<string, Schedule> Schedules { get; init; } = Schedules ?? new Dictionary<string, Schedule>();
    public CallLists Lists { get; init; } = Lists ?? new();

    /// <summary>Regions ("Province" or "Province/City") whose callers are refused.</summary>
    public IReadOnlyList<string> BlockedRegions { get; init; } = BlockedRegions ?? [];

    public IReadOnlyDictionary<string, string> RegionPrefixes { get; init; } = RegionPrefixes ?? new Dictionary<string, string>();
    public Limits Limits { get; init; } = Limits ?? new();
    public Tariff Tariff { get; init; } = Tariff ?? new();
}
