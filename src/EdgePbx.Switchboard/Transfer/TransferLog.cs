using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Transfer;

internal static partial class TransferLog
{
    [LoggerMessage(EventId = 240, Level = LogLevel.Information, Message = "Call {CallId}: {Transferor} transfers the call to {Target}")]
    public static partial void Started(ILogger logger, string callId, string transferor, string target);

    [LoggerMessage(EventId = 241, Level = LogLevel.Warning, Message = "Call {CallId}: REFER refused ({Reason})")]
    public static partial void Refused(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 242, Level = LogLevel.Information, Message = "Call {CallId}: transfer target {Target} did not answer ({Status})")]
    public static partial void TargetFailed(ILogger logger, string callId, string target, int status);
}
