namespace EdgePbx.Routing.Evaluation;

/// <summary>One thing the engine does with a call. Steps run in order; a hunt carries its own fallback.</summary>
public abstract record RouteStep;

/// <summary>Play the number's welcome audio as early media (183 with SDP) before anything else.</summary>
public sealed record WelcomeStep(string Audio) : RouteStep;

/// <summary>Run an IVR menu; the engine asks <see cref="RouteEvaluator.AfterMenu"/> once digits arrive.</summary>
/// <remarks>
/// <see cref="RetryPrompt"/> is set when the step is a retry after a timeout or invalid entry and the menu has a
/// prompt for it (played instead of <see cref="Prompt"/>).
/// </remarks>
public sealed record MenuStep(string MenuId, string Prompt, int TimeoutSeconds, int Retries, bool DirectDial, string? RetryPrompt = null) : RouteStep;

/// <summary>Go back to the menu the caller came from (a menu's "back" choice); the engine keeps the path.</summary>
public sealed record BackStep : RouteStep;

/// <summary>Leave a message in a voicemail box.</summary>
public sealed record VoicemailStep(string Box) : RouteStep;

/// <summary>Forward to an external number through the trunk, caller id kept.</summary>
public sealed record ForwardStep(string Number) : RouteStep;

/// <summary>Refuse the call with a SIP final response.</summary>
public sealed record RejectStep(int SipCode, string Reason) : RouteStep;

/// <summary>End the call.</summary>
public sealed record HangupStep : RouteStep;
