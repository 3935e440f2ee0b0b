namespace EdgePbx.Storage.Backup;

/// <summary>What a backup or restore did, or why it refused (nothing changed).</summary>
public readonly record struct BackupResult(long Bytes, int SchemaVersion, string? Error)
{
    public bool Succeeded => Error is null;

    public static BackupResult Refused(string error) => new(0, 0, error);
}
