namespace EdgePbx.Daemon.Plans;

/// <summary>What <c>edgepbx plan rollback</c> did: a message to print, or why it refused (nothing changed).</summary>
public sealed record PlanRollbackResult(string Message, string? Error)
{
    public static PlanRollbackResult Done(string message) => new(message, null);

    public static PlanRollbackResult Refused(string error) => new(string.Empty, error);
}
