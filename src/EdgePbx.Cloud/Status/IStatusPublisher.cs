namespace EdgePbx.Cloud.Status;

/// <summary>Sends status to the cloud. Must not throw when offline: calls never depend on the cloud.</summary>
public interface IStatusPublisher
{
    ValueTask PublishAsync(StatusReport report, CancellationToken cancellationToken);
}
