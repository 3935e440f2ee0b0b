using EdgePbx.Switchboard.Calls;

namespace EdgePbx.Switchboard.Status;

/// <summary>One call in progress as the web page lists it.</summary>
public sealed record ActiveCallInfo(string CallId, string Caller, string Called, CallPhase Phase, DateTimeOffset Since, string AnsweredBy);
