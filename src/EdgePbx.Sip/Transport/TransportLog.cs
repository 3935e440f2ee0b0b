using System.Net;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Sip.Transport;

internal static partial class TransportLog
{
    [LoggerMessage(1, LogLevel.Information, "SIP listening on {Transport} {EndPoint}")]
    public static partial void Listening(ILogger logger, string transport, IPEndPoint endPoint);

    [LoggerMessage(2, LogLevel.Debug, "Refused message from {Peer}: {Error}")]
    public static partial void Refused(ILogger logger, string peer, string error);

    [LoggerMessage(3, LogLevel.Warning, "Receive error on {Transport}: {Message}")]
    public static partial void ReceiveError(ILogger logger, string transport, string message);

    [LoggerMessage(4, LogLevel.Debug, "TCP connection {Id} from {Peer} closed: {Reason}")]
    public static partial void TcpClosed(ILogger logger, long id, IPEndPoint peer, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Send to {Peer} failed: {Message}")]
    public static partial void SendFailed(ILogger logger, string peer, string message);

    [LoggerMessage(6, LogLevel.Warning, "TCP connection limit {Limit} reached; refusing {Peer}")]
    public static partial void TcpLimit(ILogger logger, int limit, EndPoint? peer);

    [LoggerMessage(7, LogLevel.Error, "Handling a message from {Peer} failed")]
    public static partial void ReceiverFailed(ILogger logger, string peer, Exception exception);
}
