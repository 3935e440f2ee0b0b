using System.Net;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Media.Rtp;

internal static partial class RtpLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "RTP on port {Port} latched to {Remote} (symmetric RTP)")]
    public static partial void Latched(ILogger logger, int port, EndPoint remote);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "RTP on port {Port}: no media for {Seconds} s")]
    public static partial void MediaTimeout(ILogger logger, int port, double seconds);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "RTP port {Port} busy, trying the next one")]
    public static partial void PortBusy(ILogger logger, int port);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "RTP on port {Port}: dropping packets from {Source}, latched to {Remote} (strict symmetric RTP)")]
    public static partial void OtherSource(ILogger logger, int port, EndPoint source, EndPoint remote);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "RTP I/O threads run SCHED_FIFO at priority {Priority}")]
    public static partial void RealtimeIo(ILogger logger, int priority);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "RTP I/O threads could not get SCHED_FIFO priority {Priority} (errno {Errno}; LimitRTPRIO= or CAP_SYS_NICE, and sched_setscheduler in the system call filter, are needed): they run as ordinary threads")]
    public static partial void RealtimeIoRefused(ILogger logger, int priority, int errno);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "RTP of ports {First}-{Last} is relayed in the kernel (eBPF on {Interfaces})")]
    public static partial void KernelForwarding(ILogger logger, int first, int last, string interfaces);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "RTP cannot be relayed in the kernel ({Reason}): relayed calls stay in user space")]
    public static partial void KernelForwardingRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "RTP on port {Port}: the receiver failed on a packet")]
    public static partial void ReceiverFailed(ILogger logger, int port, Exception exception);
}
