using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Voicemail;

internal static partial class VoicemailLog
{
    [LoggerMessage(60, LogLevel.Information, "Voicemail for box {Box} from {Caller}: {Seconds:F1} s in {File}")]
    public static partial void Deposited(ILogger logger, string box, string caller, double seconds, string file);

    [LoggerMessage(61, LogLevel.Error, "Voicemail for box {Box} cannot be stored: {Reason}")]
    public static partial void StoreFailed(ILogger logger, string box, string reason);

    [LoggerMessage(62, LogLevel.Information, "Voicemail box {Box}: {Change}")]
    public static partial void Changed(ILogger logger, string box, string change);

    [LoggerMessage(63, LogLevel.Warning, "Voicemail file {File} cannot be removed: {Reason}")]
    public static partial void FileNotRemoved(ILogger logger, string file, string reason);
}
