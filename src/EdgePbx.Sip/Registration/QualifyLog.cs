using Microsoft.Extensions.Logging;

namespace EdgePbx.Sip.Registration;

internal static partial class QualifyLog
{
    [LoggerMessage(40, LogLevel.Information, "Contact {Contact} of {Aor} is unreachable: no answer to OPTIONS")]
    public static partial void Unreachable(ILogger logger, string contact, string aor);

    [LoggerMessage(41, LogLevel.Information, "Contact {Contact} of {Aor} answers OPTIONS again")]
    public static partial void ReachableAgain(ILogger logger, string contact, string aor);
}
