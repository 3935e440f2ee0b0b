using System.Collections.Immutable;

namespace EdgePbx.Storage.CallRecords;

/// <summary>
/// Everything kept about one finished call. Charge is in the plan tariff's currency; the engine computes it
/// (this layer only stores it, to the thousandth of a unit).
/// </summary>
public sealed record CallRecord
{
    public required string CallId { get; init; }
    public required string Caller { get; init; }
    /// <summary>Region derived from the caller's area code (e.g. "北京"), empty when unknown.</summary>
    public string CallerRegion { get; init; } = "";
    /// <summary>The number the carrier delivered (DID).</summary>
    public required string Called { get; init; }
    /// <summary>The published number the caller dialled (e.g. the 400 number) when it differs from the DID.</summary>
    public string EntryNumber { get; init; } = "";
    /// <summary>Where the plan sent the call: hunt group, extension, external number or mailbox.</summary>
    public string Destination { get; init; } = "";
    public required DateTimeOffset Start { get; init; }
    public DateTimeOffset? Answer { get; init; }
    public required DateTimeOffset End { get; init; }
    public TimeSpan BilledDuration { get; init; }
    public decimal Charge { get; init; }
    public required CallOutcome Outcome { get; init; }
    /// <summary>Why, for blocked and failed calls (e.g. "blacklist", "concurrency limit").</summary>
    public string OutcomeReason { get; init; } = "";
    /// <summary>The extension or number that answered, empty if nobody did.</summary>
    public string AnsweredBy { get; init; } = "";
    /// <summary>Digits pressed in menus, in order.</summary>
    public string Digits { get; init; } = "";
    /// <summary>Each menu entry in order ("main:1 sales:timeout sales:invalid(55)"), empty without menus.</summary>
    public string MenuChoices { get; init; } = "";
    /// <summary>An outbound leg answered with the fax answer tone (CED, 2100 Hz).</summary>
    public bool CedHeard { get; init; }
    public int HuntAttempts { get; init; }
    public MediaQuality? Quality { get; init; }
    public ImmutableArray<CallLeg> Legs { get; init; } = [];

    /// <summary>Start to end, whole seconds.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Math.Max(0, (long)(End - Start).TotalSeconds));
}
