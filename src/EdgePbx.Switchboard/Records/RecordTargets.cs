namespace EdgePbx.Switchboard.Records;

/// <summary>
/// How members appear in records: the bare extension ("101") or external number, which is what the call
/// search matches answered_by and leg targets against; the plan's "ext:"/"external:" prefixes stay out.
/// </summary>
internal static class RecordTargets
{
    public static string Of(string member) =>
        member.StartsWith("ext:", StringComparison.Ordinal) ? member["ext:".Length..]
        : member.StartsWith("external:", StringComparison.Ordinal) ? member["external:".Length..]
        : member;
}
