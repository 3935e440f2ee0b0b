namespace EdgePbx.Storage.Retention;

/// <summary>How long call records are kept and how the daily purge paces itself.</summary>
public sealed record RetentionOptions
{
    /// <summary>Records whose call started more than this many months ago are removed.</summary>
    public int KeepMonths { get; init; } = 3;

    /// <summary>Rows per delete transaction: small, so an engine write waits at most one short batch.</summary>
    public int BatchSize { get; init; } = 500;

    public TimeSpan Interval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Delay after start before the first purge, so start-up is not slowed by it.</summary>
    public TimeSpan FirstRunDelay { get; init; } = TimeSpan.FromMinutes(5);
}
