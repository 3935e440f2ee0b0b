using Microsoft.Extensions.Logging;

namespace EdgePbx.Sip.Stack;

internal static partial class StackLog
{
    [LoggerMessage(1, LogLevel.Information, "Dropped request from scanner {Source} (User-Agent {UserAgent})")]
    public static partial void ScannerDropped(ILogger logger, string source, string userAgent);

    /// <summary>Information for a new or removed contact and for refusals; Debug for refreshes (nearly all REGISTERs).</summary>
    [LoggerMessage(EventId = 2, Message = "REGISTER {Aor} from {Source}: {Status} {Reason}")]
    public static partial void Registered(ILogger logger, LogLevel level, string aor, string source, int status, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Authentication failed from {Source}: {Reason}")]
    public static partial void AuthFailed(ILogger logger, string source, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Request handler failed for {Method}: {Message}")]
    public static partial void HandlerFailed(ILogger logger, string method, string message);

    [LoggerMessage(5, LogLevel.Debug, "Send to {Peer} failed: {Message}")]
    public static partial void SendFailed(ILogger logger, string peer, string message);
}
