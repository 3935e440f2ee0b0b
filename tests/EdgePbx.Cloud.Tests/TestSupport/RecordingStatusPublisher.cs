using System.Collections.Concurrent;
using EdgePbx.Cloud.Status;

namespace EdgePbx.Cloud.Tests.TestSupport;

internal sealed class RecordingStatusPublisher : IStatusPublisher
{
    public ConcurrentQueue<StatusReport> Reports { get; } = new();

    public ValueTask PublishAsync(StatusReport report, CancellationToken cancellationToken)
    {
        Reports.Enqueue(report);
        return ValueTask.CompletedTask;
    }
}
