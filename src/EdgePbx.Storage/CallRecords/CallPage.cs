using System.Collections.Immutable;

namespace EdgePbx.Storage.CallRecords;

/// <summary>One page of results; <see cref="Next"/> is null on the last page.</summary>
public sealed record CallPage(ImmutableArray<StoredCall> Items, CallCursor? Next);
