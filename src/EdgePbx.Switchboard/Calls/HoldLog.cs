using EdgePbx.Media.Sdp;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Calls;

internal static partial class HoldLog
{
    [LoggerMessage(EventId = 230, Level = LogLevel.Information, Message = "Call {CallId}: the {Side} re-offered the session; we answer {Direction}")]
    public static partial void Reoffered(ILogger logger, string callId, string side, MediaDirection direction);

    [LoggerMessage(EventId = 231, Level = LogLevel.Debug, Message = "Call {CallId}: re-offer from the {Side} refused ({Reason})")]
    public static partial void ReofferRefused(ILogger logger, string callId, string side, string reason);

    [LoggerMessage(EventId = 233, Level = LogLevel.Information, Message = "Call {CallId}: hold is now caller {CallerHolds}, callee {CalleeHolds}")]
    public static partial void HoldChanged(ILogger logger, string callId, bool callerHolds, bool calleeHolds);

    [LoggerMessage(EventId = 232, Level = LogLevel.Debug, Message = "Call {CallId}: re-offer from the {Side} refused while the call is {Phase}")]
    public static partial void ReofferOutOfPhase(ILogger logger, string callId, string side, CallPhase phase);
}
