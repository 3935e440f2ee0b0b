using EdgePbx.Hardware.Buttons;
using EdgePbx.Hardware.Panel;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Hardware;

/// <summary>Source-generated log messages of the front panel.</summary>
internal static partial class PanelLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Front panel runs simulated: {Reason}")]
    public static partial void Simulated(ILogger logger, string reason);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Front panel on {Backend}: {Lines} line LEDs ({LineWiring})")]
    public static partial void Started(ILogger logger, string backend, int lines, string lineWiring);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Error, Message = "Front panel could not write LEDs; further failures are not logged")]
    public static partial void LedWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "Front panel line {Line} does not exist (1..{LineCount})")]
    public static partial void NoSuchLine(ILogger logger, int line, int lineCount);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Front panel button {Button}: {Gesture}")]
    public static partial void Gesture(ILogger logger, PanelButton button, ButtonGesture gesture);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Warning, Message = "Front panel: {Action}")]
    public static partial void FactoryReset(ILogger logger, PanelAction action);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Error, Message = "Front panel could not read button {Button}")]
    public static partial void ButtonReadFailed(ILogger logger, PanelButton button, Exception exception);
}
