namespace EdgePbx.Routing.Evaluation;

/// <summary>One phone to ring: a desk extension ("ext:101") or an external number ("external:138...").</summary>
public sealed record RingLeg(string Target, int DelaySeconds, int RingSeconds);
