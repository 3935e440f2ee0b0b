using System.Collections.Immutable;

namespace EdgePbx.Storage.CallRecords;

/// <summary>Checks a record before it is stored, so a bug upstream shows as a clear list, not as a corrupt row.</summary>
public static class CallRecordValidator
{
    public static ImmutableArray<string> Validate(CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var errors = ImmutableArray.CreateBuilder<string>();
        if (string.IsNullOrWhiteSpace(record.CallId))
        {
            errors.Add("callId: empty");
        }

        if (record.End < record.Start)
        {
            errors.Add("end: before start");
        }

        if (record.Answer is { } answer && (answer < record.Start || answer > record.End))
        {
            errors.Add("answer: outside start..end");
        }

        if (record.BilledDuration < TimeSpan.Zero)
        {
            errors.Add("billedDuration: negative");
        }

        if (record.Charge < 0)
        {
            errors.Add("charge: negative");
        }

        if (!Enum.IsDefined(record.Outcome))
        {
            errors.Add($"outcome: unknown value {(int)record.Outcome}");
        }

        for (var i = 0; i < record.Legs.Length; i++)
        {
            var leg = record.Legs[i];
            if (leg.End < leg.Start)
            {
                errors.Add($"legs[{i}].end: before start");
            }

            if (!Enum.IsDefined(leg.Kind))
            {
                errors.Add($"legs[{i}].kind: unknown value {(int)leg.Kind}");
            }
        }

        return errors.ToImmutable();
    }
}
