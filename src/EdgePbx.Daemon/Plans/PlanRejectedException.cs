namespace EdgePbx.Daemon.Plans;

/// <summary>The plan named at start-up cannot be used; the message is the line the installer sees.</summary>
public sealed class PlanRejectedException : Exception
{
    public PlanRejectedException()
    {
    }

    public PlanRejectedException(string message) : base(message)
    {
    }

    public PlanRejectedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
