namespace EdgePbx.Routing.Evaluation;

/// <summary>One thing the engine does with a call. Steps run in order; a hunt carries its own fallback.</summary>
public abstract record RouteStep;

/// <summary>Play the number's welcome audio as early media (183 with SDP) before anything else.</summary>
public sealed record WelcomeStep(string Audio) : RouteStep;

/// <summary>Run an IVR menu; the engine asks <see cref="RouteEvaluator.AfterMenu"/> once digits arrive.</summary>
public sealed record MenuStep(string MenuId, string Prompt, int TimeoutSeconds, int Retries, bool DirectDial) : RouteStep;

/// <summary>Leave a message in a voicemail box.</summary>
public sealed record VoicemailStep(string Box) : RouteStep;

/// <summary>Forward to an external number through the trunk, caller id kept.</summary>
public sealed record ForwardStep(string Number) : RouteStep;

/// <summary>Refuse the call with a SIP final response.</summary>
public sealed record RejectStep(int SipCode, string Reason) : RouteStep;

/// <summary>End the call.</summary>
public sealed record HangupStep : RouteStep;
