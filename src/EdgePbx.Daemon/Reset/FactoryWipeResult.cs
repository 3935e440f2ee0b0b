namespace EdgePbx.Daemon.Reset;

/// <summary>What a factory reset emptied: database tables and data-folder entries, and whether call records were kept.</summary>
public sealed record FactoryWipeResult(IReadOnlyList<string> Tables, IReadOnlyList<string> Files, bool KeptCallRecords);
