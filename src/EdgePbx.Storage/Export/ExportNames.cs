using EdgePbx.Storage.CallRecords;

namespace EdgePbx.Storage.Export;

/// <summary>Stable lower-case names for exported enums (no Enum.ToString: names in files must not follow refactors).</summary>
public static class ExportNames
{
    public static string Outcome(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Answered => "answered",
        CallOutcome.Missed => "missed",
        CallOutcome.Busy => "busy",
        CallOutcome.Blocked => "blocked",
        CallOutcome.Voicemail => "voicemail",
        CallOutcome.Fax => "fax",
        CallOutcome.Failed => "failed",
        _ => "unknown",
    };

    public static string Leg(LegKind kind) => kind switch
    {
        LegKind.Inbound => "inbound",
        LegKind.HuntAttempt => "hunt",
        LegKind.Forward => "forward",
        LegKind.Voicemail => "voicemail",
        LegKind.Fax => "fax",
        _ => "unknown",
    };
}
