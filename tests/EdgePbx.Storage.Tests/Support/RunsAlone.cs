namespace EdgePbx.Storage.Tests.Support;

/// <summary>
/// Tests that measure the process's live heap (GC.GetTotalMemory) run alone: another test class seeding
/// thousands of records in parallel would show up in their figure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "memory measurement";
}
