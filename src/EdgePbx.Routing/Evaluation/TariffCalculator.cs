using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Evaluation;

/// <summary>The charge of a finished call under a tariff, for the call record.</summary>
public static class TariffCalculator
{
    public static CallCharge Charge(Tariff tariff, int durationSeconds)
    {
        if (durationSeconds <= 0)
        {
            return new CallCharge(0, 0, 0, 0);
        }

        var increment = Math.Max(1, tariff.IncrementSeconds);
        // Every started increment is billed in full (carrier practice for 6 s and 60 s billing).
        var billable = (durationSeconds + increment - 1) / increment * increment;
        var total = CeilFen(billable, tariff.PricePerMinuteFen);
        var caller = tariff.ChargeSharing ? Math.Min(total, CeilFen(billable, tariff.LocalPricePerMinuteFen)) : 0;
        return new CallCharge(billable, total, caller, total - caller);
    }

    private static long CeilFen(long seconds, int perMinute) => ((seconds * perMinute) + 59) / 60;
}
