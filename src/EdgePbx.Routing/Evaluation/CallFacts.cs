namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// What the engine knows about a new call. <see cref="RandomSeed"/> feeds the random hunt strategy so a
/// decision is a pure function of its inputs (the engine derives it from the Call-ID).
/// </summary>
public sealed record CallFacts(string Caller, string Called)
{
    /// <summary>The front-panel night switch.</summary>
    public bool NightMode { get; init; }

    public ulong RandomSeed { get; init; }
}
