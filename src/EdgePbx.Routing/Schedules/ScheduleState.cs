namespace EdgePbx.Routing.Schedules;

/// <summary>Whether a schedule is open, and the window or override that decided it (for the trace).</summary>
public readonly record struct ScheduleState(bool Open, string Reason);
