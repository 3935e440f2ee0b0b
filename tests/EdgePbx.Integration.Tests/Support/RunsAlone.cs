namespace EdgePbx.Integration.Tests.Support;

/// <summary>
/// Tests that count timed messages (watchdog keep-alives every 200 ms) or time button holds on the panel run with
/// no other test of this assembly beside them: in parallel with the espeak/sox voicemail tests on two cores, a
/// keep-alive count fell short and a factory-reset long press was missed (each passes alone, 5 of 5).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
