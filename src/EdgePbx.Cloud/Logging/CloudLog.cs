using EdgePbx.Cloud.Apply;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Cloud.Logging;

/// <summary>Source-generated log methods for plan sync (cheap when off, structured when on).</summary>
internal static partial class CloudLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Plan version {Version} from {Source} applied")]
    public static partial void PlanApplied(this ILogger logger, long version, string source);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Plan version {Version} from {Source} rejected: {Reasons}")]
    public static partial void PlanRejected(this ILogger logger, long? version, string source, string reasons);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Plan version {Version} from {Source} is already applied")]
    public static partial void PlanAlreadyApplied(this ILogger logger, long version, string source);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Plan store failed to apply version {Version}")]
    public static partial void StoreFailed(this ILogger logger, long version, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Rolled back to plan version {Version}")]
    public static partial void RolledBack(this ILogger logger, long? version);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "MQTT connected to {Broker}")]
    public static partial void MqttConnected(this ILogger logger, string broker);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "MQTT connect to {Broker} failed, retry in {Delay}: {Error}")]
    public static partial void MqttConnectFailed(this ILogger logger, string broker, TimeSpan delay, string error);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "MQTT connection to {Broker} lost: {Reason}")]
    public static partial void MqttDisconnected(this ILogger logger, string broker, string reason);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "MQTT status publish failed, kept for the next connection: {Error}")]
    public static partial void StatusPublishFailed(this ILogger logger, string error);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Error, Message = "Handling the plan from {Topic} failed")]
    public static partial void PlanHandlingFailed(this ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Health report failed")]
    public static partial void HealthReportFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Plan pull from {Url} failed: {Error}")]
    public static partial void PullFailed(this ILogger logger, Uri url, string error);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Debug, Message = "Plan pull from {Url}: not modified")]
    public static partial void PullNotModified(this ILogger logger, Uri url);

    public static string Describe(IReadOnlyList<RejectionReason> reasons) => string.Join("; ", reasons);
}
