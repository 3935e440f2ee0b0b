namespace EdgePbx.Routing.Model;

/// <summary>
/// Plan-wide limits; null means no limit. Costs are in fen (0.01 CNY) so money never meets floating point.
/// </summary>
public sealed record Limits(
    FrequencyLimit? PerCaller = null,
    int? MaxConcurrent = null,
    int? MaxCallSeconds = null,
    long? DailyCostCapFen = null,
    long? MonthlyCostCapFen = null);
