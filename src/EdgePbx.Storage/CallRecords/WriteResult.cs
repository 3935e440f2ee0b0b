using System.Collections.Immutable;

namespace EdgePbx.Storage.CallRecords;

/// <summary>The outcome of storing a record: its row id, or the reasons it was refused (nothing was written).</summary>
public readonly record struct WriteResult(long RowId, ImmutableArray<string> Errors)
{
    public bool Succeeded => Errors.IsDefaultOrEmpty;

    public static WriteResult Stored(long rowId) => new(rowId, []);

    public static WriteResult Refused(ImmutableArray<string> errors) => new(0, errors);
}
