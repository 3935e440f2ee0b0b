namespace EdgePbx.Sip.Registration;

/// <summary>OPTIONS qualify (keep-alive) of registered contacts.</summary>
public sealed record QualifyOptions
{
    /// <summary>How often every bound contact gets an OPTIONS; <see cref="TimeSpan.Zero"/> turns qualify off.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);
}
