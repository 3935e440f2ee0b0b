namespace EdgePbx.Routing.Model;

/// <summary>
/// A hunt group member: an extension ("ext:101") or an external number ("external:138..."), with its
/// percent <paramref name="Weight"/> (weighted strategy), ring delay (custom strategy) and ring time
/// (null uses the group's).
/// </summary>
public sealed record GroupMember(string Target, int Weight = 0, int DelaySeconds = 0, int? RingSeconds = null);
