using Microsoft.Extensions.Logging;

namespace EdgePbx.Sip.Subscriptions;

internal static partial class NotifierLog
{
    [LoggerMessage(20, LogLevel.Information, "{Subscriber} subscribed to {Package} of {Resource} for {Expires} s")]
    public static partial void Subscribed(ILogger logger, string subscriber, string package, string resource, int expires);

    [LoggerMessage(21, LogLevel.Information, "Subscription of {Subscriber} to {Package} of {Resource} ended ({Reason})")]
    public static partial void Ended(ILogger logger, string subscriber, string package, string resource, string reason);

    [LoggerMessage(22, LogLevel.Information, "NOTIFY to {Target} failed ({Status})")]
    public static partial void NotifyFailed(ILogger logger, string target, int status);
}
