using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Transport;
using EdgePbx.Storage.CallRecords;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Calls;

internal static partial class EngineLog
{
    // One Information line per call (203, at its end, with who called whom): the call record holds the rest, and
    // three lines per call were 4 % of the daemon's CPU in the load run (bench/calls) at 100 calls/s.
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Call {CallId} from {Caller} to {Called}")]
    public static partial void CallStarted(ILogger logger, string callId, string caller, string called);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Call {CallId}: ringing {Member} on {Legs} contact(s)")]
    public static partial void Ringing(ILogger logger, string callId, string member, int legs);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Call {CallId} answered by {Member}")]
    public static partial void CallAnswered(ILogger logger, string callId, string member);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Call {CallId} from {Caller} to {Called} ended: {Outcome} ({Reason}), answered by {AnsweredBy}")]
    public static partial void CallEnded(ILogger logger, string callId, string caller, string called, string outcome, string reason, string answeredBy);

    [LoggerMessage(EventId = 204, Level = LogLevel.Error, Message = "Call {CallId} failed inside the engine; ending it")]
    public static partial void CallFailed(ILogger logger, Exception exception, string callId);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Call {CallId}: welcome audio cannot be played ({Reason}); playing ringback instead")]
    public static partial void WelcomeMissing(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Engine is stopping: {Method} from {Source} refused")]
    public static partial void Stopping(ILogger logger, string method, SipPeer source);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Trunk registration is now {State}")]
    public static partial void TrunkState(ILogger logger, TrunkRegistrationState state);

    [LoggerMessage(EventId = 208, Level = LogLevel.Debug, Message = "Challenged INVITE {CallId} from {Source}")]
    public static partial void Challenged(ILogger logger, string callId, SipPeer source);

    [LoggerMessage(EventId = 209, Level = LogLevel.Debug, Message = "Call {CallId}: digit {Digit} ({Source})")]
    public static partial void DigitReceived(ILogger logger, string callId, char digit, EdgePbx.Switchboard.Media.DigitSource source);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "Call {CallId}: menu prompt cannot be played ({Reason}); playing a short tone instead")]
    public static partial void PromptMissing(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 212, Level = LogLevel.Debug, Message = "Call {CallId}: menu {Menu} entry {Digits}: {Trace}")]
    public static partial void MenuEntry(ILogger logger, string callId, string menu, string digits, IReadOnlyList<string> trace);

    [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "Call {CallId}: fax tone heard but the number has no fax destination; the call goes on")]
    public static partial void FaxWithoutDestination(ILogger logger, string callId);

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Call {CallId}: fax tone {Tone} heard from the {Where}")]
    public static partial void FaxToneHeard(ILogger logger, string callId, EdgePbx.Media.Fax.FaxTone tone, string where);

    [LoggerMessage(EventId = 260, Level = LogLevel.Error, Message = "Call {CallId}: voicemail box {Box} cannot take a message: {Reason}")]
    public static partial void VoicemailUnavailable(ILogger logger, string callId, string box, string reason);
}
