namespace EdgePbx.Web.Status;

/// <summary>
/// Live state for the dashboard. Null means "not known": the part of the daemon that knows it has not
/// reported (the page then says so rather than show a made-up zero).
/// </summary>
public sealed record PbxStatus(
    string? TrunkState,
    int? RegisteredPhones,
    int? ActiveCalls,
    IReadOnlyList<LineStatus> Lines,
    string? CloudSync);

/// <summary>One front-panel line: its label and LED state ("off", "green", "red", "amber", "blinking").</summary>
public sealed record LineStatus(string Line, string Led, string Detail);
