using System.Collections.Immutable;

namespace EdgePbx.Storage.CallRecords;

/// <summary>Checks a record before it is stored, so a bug upstream shows as a clear list, not as a corrupt row.</summary>
public static class CallRecordValidator
{
    public static ImmutableArray<string> Validate(CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Made on the first error only: every call passes through here, and nearly all are fine.
        ImmutableArray<string>.Builder? errors = null;
        if (string.IsNullOrWhiteSpace(record.CallId))
        {
            Add(ref errors, "callId: empty");
        }

        if (record.End < record.Start)
        {
            Add(ref errors, "end: before start");
        }

        if (record.Answer is { } answer && (answer < record.Start || answer > record.End))
        {
            Add(ref errors, "answer: outside start..end");
        }

        if (record.BilledDuration < TimeSpan.Zero)
        {
            Add(ref errors, "billedDuration: negative");
        }

        if (record.Charge < 0)
        {
            Add(ref errors, "charge: negative");
        }

        if (!Enum.IsDefined(record.Outcome))
        {
            Add(ref errors, $"outcome: unknown value {(int)record.Outcome}");
        }

        for (var i = 0; i < record.Legs.Length; i++)
        {
            var leg = record.Legs[i];
            if (leg.End < leg.Start)
            {
                Add(ref errors, $"legs[{i}].end: before start");
            }

            if (!Enum.IsDefined(leg.Kind))
            {
                Add(ref errors, $"legs[{i}].kind: unknown value {(int)leg.Kind}");
            }
        }

        return errors?.ToImmutable() ?? [];
    }

    private static void Add(ref ImmutableArray<string>.Builder? errors, string error) =>
        (errors ??= ImmutableArray.CreateBuilder<string>()).Add(error);
}
