namespace EdgePbx.Routing.Model;

/// <summary>
/// A desk phone extension with its voicemail box and do-not-disturb. With <paramref name="FollowMe"/>
/// on, the bound external numbers whose schedule is open ring together with the desk phone.
/// </summary>
public sealed record Extension(
    string? Name = null,
    bool Voicemail = false,
    bool DoNotDisturb = false,
    bool FollowMe = false,
    int RingSeconds = 25,
    IReadOnlyList<BoundNumber>? Bound = null)
{
    /// <summary>Bound external numbers allowed per extension (the hotline product's limit).</summary>
    public const int MaxBoundNumbers = 10;

    public IReadOnlyList<BoundNumber> Bound { get; init; } = Bound ?? [];
}
