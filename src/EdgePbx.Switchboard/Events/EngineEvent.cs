using EdgePbx.Sip.Registration;
using EdgePbx.Storage.CallRecords;

namespace EdgePbx.Switchboard.Events;

/// <summary>Something the front panel or the web page may want to show; <see cref="At"/> is engine time.</summary>
public abstract record EngineEvent(DateTimeOffset At);

/// <summary>An extension's line changed (idle, ringing, up).</summary>
public sealed record LineChanged(DateTimeOffset At, string Extension, LineState State) : EngineEvent(At);

/// <summary>A call was taken by the engine (not yet routed).</summary>
public sealed record CallStarted(DateTimeOffset At, string CallId, string Caller, string Called) : EngineEvent(At);

/// <summary>A call was answered; <see cref="AnsweredBy"/> is "ext:101" or "external:138...".</summary>
public sealed record CallAnswered(DateTimeOffset At, string CallId, string AnsweredBy) : EngineEvent(At);

/// <summary>A call ended and its record was handed to the record sink.</summary>
public sealed record CallEnded(DateTimeOffset At, string CallId, CallOutcome Outcome, string Reason) : EngineEvent(At);

/// <summary>The trunk registration changed; <see cref="Registered"/> drives the trunk LED.</summary>
public sealed record TrunkChanged(DateTimeOffset At, TrunkRegistrationState State) : EngineEvent(At)
{
    public bool Registered => State == TrunkRegistrationState.Registered;
}
