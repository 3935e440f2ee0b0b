namespace EdgePbx.Storage.Export;

/// <summary>Rows written, or why nothing was (e.g. no database in the data directory).</summary>
public readonly record struct ExportResult(int Rows, string? Error)
{
    public bool Succeeded => Error is null;
}
