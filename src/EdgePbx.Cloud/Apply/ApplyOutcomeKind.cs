namespace EdgePbx.Cloud.Apply;

public enum ApplyOutcomeKind
{
    /// <summary>The plan is now current.</summary>
    Applied,

    /// <summary>The plan was refused; nothing changed.</summary>
    Rejected,

    /// <summary>
    /// The exact envelope already applied arrived again (a retained message redelivered on reconnect,
    /// or the same file pulled twice). Nothing changed and nothing is worth reporting.
    /// </summary>
    AlreadyApplied,
}
