using EdgePbx.Cloud.Apply;

namespace EdgePbx.Cloud.Pull;

public sealed record PullResult(PullResultKind Kind, ApplyOutcome? Outcome, string? Error)
{
    public static PullResult NotModified { get; } = new(PullResultKind.NotModified, null, null);

    public static PullResult Received(ApplyOutcome outcome) => new(PullResultKind.Received, outcome, null);

    public static PullResult Failed(string error) => new(PullResultKind.Failed, null, error);
}
