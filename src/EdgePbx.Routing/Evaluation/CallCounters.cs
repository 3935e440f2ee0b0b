using System.Collections.ObjectModel;

namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// The live numbers the engine keeps and passes in, so evaluation stays pure. State that a decision
/// advances (round robin cursor, sequences) comes back in the decision for the engine to store.
/// </summary>
/// <remarks>
/// A counter left out is one shared empty read-only collection: the engine makes a set of counters for every
/// call, and property initialisers run even for the properties it sets.
/// </remarks>
public sealed record CallCounters
{
    public static readonly CallCounters None = new();

    /// <summary>Earlier calls from this caller within the plan's frequency window (this call excluded).</summary>
    public int CallerCallsInWindow { get; init; }

    /// <summary>Calls in progress on the called number.</summary>
    public int ActiveOnNumber { get; init; }

    /// <summary>Calls in progress on the whole box.</summary>
    public int ActiveTotal { get; init; }

    public long CostTodayFen { get; init; }
    public long CostThisMonthFen { get; init; }

    /// <summary>Calls the called number has taken so far; drives exact percentage splits.</summary>
    public long NumberCallSequence { get; init; }

    /// <summary>Per group: calls the group has taken so far; drives the weighted strategy.</summary>
    public IReadOnlyDictionary<string, long> GroupCallSequence { get; init; } = ReadOnlyDictionary<string, long>.Empty;

    /// <summary>Per group: index of the member rung first last time (round robin resumes after it).</summary>
    public IReadOnlyDictionary<string, int> RoundRobinCursor { get; init; } = ReadOnlyDictionary<string, int>.Empty;

    /// <summary>Per group: callers currently waiting.</summary>
    public IReadOnlyDictionary<string, int> Waiting { get; init; } = ReadOnlyDictionary<string, int>.Empty;

    /// <summary>Member targets ("ext:101", "external:138...") that are on a call now.</summary>
    public IReadOnlySet<string> BusyMembers { get; init; } = ReadOnlySet<string>.Empty;

    /// <summary>Per member target: when it was last rung (least-recent strategy).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LastCalled { get; init; } = ReadOnlyDictionary<string, DateTimeOffset>.Empty;

    /// <summary>Per member target: calls answered today (fewest-calls strategy).</summary>
    public IReadOnlyDictionary<string, int> CallsTaken { get; init; } = ReadOnlyDictionary<string, int>.Empty;
}
