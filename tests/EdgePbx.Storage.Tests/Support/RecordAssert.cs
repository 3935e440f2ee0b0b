using EdgePbx.Storage.CallRecords;

namespace EdgePbx.Storage.Tests.Support;

public static class RecordAssert
{
    /// <summary>Field by field, legs included (ImmutableArray compares by reference, so legs are compared as sequences).</summary>
    public static void Same(CallRecord expected, CallRecord actual)
    {
        Assert.Equal(expected with { Legs = [] }, actual with { Legs = [] });
        Assert.Equal(expected.Legs.AsEnumerable(), actual.Legs.AsEnumerable());
    }
}
