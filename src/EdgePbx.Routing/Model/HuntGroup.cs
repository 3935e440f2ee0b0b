namespace EdgePbx.Routing.Model;

/// <summary>
/// A hunt group / queue. The members are tried <paramref name="Repeat"/> times, then the call goes to
/// <paramref name="Overflow"/> (null hangs up); it also overflows at once when
/// <paramref name="MaxWaiting"/> callers already wait (0 = no limit) or every member is busy. With
/// <paramref name="Voicemail"/> the group has a mailbox of its own (<c>voicemail:ID</c> with the group's ID, e.g. as
/// its overflow); its members' phones may watch it (message-waiting) like their own.
/// </summary>
public sealed record HuntGroup(
    IReadOnlyList<GroupMember> Members,
    string? Name = null,
    HuntStrategy Strategy = HuntStrategy.Sequential,
    int RingSeconds = 20,
    bool SkipBusy = true,
    int Repeat = 1,
    int MaxWaiting = 0,
    string? Overflow = null,
    bool Voicemail = false);
