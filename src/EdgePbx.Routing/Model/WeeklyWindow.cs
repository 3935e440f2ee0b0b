namespace EdgePbx.Routing.Model;

/// <summary>
/// Days ("mon".."sun") and a local time range "HH:mm"–"HH:mm". A window whose end is not after its start
/// runs across midnight into the next day (a "22:00"–"06:00" night shift on "fri" covers Saturday morning).
/// "24:00" as the end means the end of the day.
/// </summary>
public sealed record WeeklyWindow(IReadOnlyList<string> Days, string From, string To);
