using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Schedules;

/// <summary>
/// Answers "is this schedule open at this local time?". Pure: the local wall-clock time is passed in
/// (already converted to the plan's time zone). The evaluator keeps compiled schedules per plan; this
/// entry point compiles on each call and suits one-off questions (the web page, tests).
/// </summary>
public static class ScheduleClock
{
    public static ScheduleState StateAt(Schedule schedule, DateTime local)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new CompiledSchedule(schedule).StateAt(local);
    }
}
