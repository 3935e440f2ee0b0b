using EdgePbx.Routing.Model;
using EdgePbx.Routing.Validation;

namespace EdgePbx.Web.Api;

/// <summary>PUT /api/lists: black/white lists and the blocked caller regions.</summary>
public sealed record ListsBody(CallLists Lists, IReadOnlyList<string> BlockedRegions);

/// <summary>PUT /api/limits: plan-wide limits and the tariff.</summary>
public sealed record LimitsBody(Limits Limits, Tariff Tariff);

/// <summary>PUT /api/phones/{extension}: the secrets to set; a missing one stays as it is. Never sent back.</summary>
public sealed record PhoneSecretsBody(string? SipPassword = null, string? VoicemailPin = null);

public sealed record IssueDto(string Severity, string Path, string Message)
{
    public static IssueDto From(PlanIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new(issue.Severity == IssueSeverity.Error ? "error" : "warning", issue.Path, issue.Message);
    }
}

/// <summary>Answer to every plan change: the revision now in force, or (ok false, HTTP 422) the issues and nothing changed.</summary>
public sealed record PlanEditResponse(bool Ok, long? Revision, IReadOnlyList<IssueDto> Issues);

public sealed record ExplainResponse(string Caller, string Called, DateTimeOffset At, bool Rejected, IReadOnlyList<string> Trace, string Text);

public sealed record CallDto(
    long Id, string CallId, string Caller, string CallerRegion, string Called, string Destination, DateTimeOffset Start,
    DateTimeOffset? Answer, DateTimeOffset End, long DurationSeconds, string Outcome, string OutcomeReason, string AnsweredBy, decimal Charge);

public sealed record CallsResponse(IReadOnlyList<CallDto> Calls, string? Next);

public sealed record ReportBucket(string Key, long Calls, long Answered, long Missed, long Seconds, decimal Charge);

public sealed record ReportResponse(DateTimeOffset From, DateTimeOffset To, ReportBucket Total, string Period, IReadOnlyList<ReportBucket> ByPeriod, IReadOnlyList<ReportBucket> ByRegion, IReadOnlyList<ReportBucket> ByDestination);

public sealed record PlanHistoryDto(long Id, string Version, DateTimeOffset Applied, bool Current, bool LastKnownGood);

public sealed record SystemResponse(string Version, long? PlanRevision, string? PlanSource, string? PlanSha256, DateTimeOffset? PlanApplied, IReadOnlyList<PlanHistoryDto> History);

public sealed record DashboardResponse(
    string Version, long UptimeSeconds, bool Ready, long? PlanRevision, string? TrunkState, int? RegisteredPhones, int? ActiveCalls,
    string? CloudSync, long CallsToday, long AnsweredToday);

public sealed record PromptDto(string Name, IReadOnlyList<string> UsedBy, bool Playable, double? Seconds, string? Problem);

public sealed record VoicemailDto(long Id, string Mailbox, string Caller, DateTimeOffset Received, long DurationSeconds, bool Heard);

public sealed record LogLineDto(DateTimeOffset At, string Level, string Category, string Message);

public sealed record SettingsSectionDto(string Title, IReadOnlyList<SettingDto> Settings);

public sealed record SettingDto(string Name, string Value);

/// <summary>GET /api/system/settings/{section}: the saved values (secrets only as <c>set</c>) and what waits for a restart.</summary>
public sealed record SettingsFormDto(string Section, string? ReadOnly, IReadOnlyList<SettingFieldDto> Fields, IReadOnlyList<string> PendingRestart);

public sealed record SettingFieldDto(string Key, string Label, string Kind, string? Value, bool? Set, IReadOnlyList<string>? Choices);

/// <summary>PUT /api/system/settings/{section}: saved (<see cref="Changed"/> takes effect on restart) or refused with every issue.</summary>
public sealed record SettingsSaveResponse(bool Ok, IReadOnlyList<string> Changed, bool RestartNeeded, IReadOnlyList<SettingIssueDto> Issues);

public sealed record SettingIssueDto(string? Field, string Message);
