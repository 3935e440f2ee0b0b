namespace EdgePbx.Routing.Model;

/// <summary>
/// What a call costs the enterprise. Charged per started increment (6 s or 60 s). With charge sharing
/// the caller pays the local rate (the 400 model) and the enterprise pays the rest.
/// </summary>
public sealed record Tariff(
    int PricePerMinuteFen = 0,
    int IncrementSeconds = 60,
    bool ChargeSharing = false,
    int LocalPricePerMinuteFen = 0);
