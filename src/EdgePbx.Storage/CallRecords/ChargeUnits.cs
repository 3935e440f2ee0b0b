namespace EdgePbx.Storage.CallRecords;

/// <summary>Charges are stored as integer thousandths so sums in SQL are exact (no floating point money).</summary>
internal static class ChargeUnits
{
    public static long ToMilli(decimal charge) => (long)decimal.Round(charge * 1000m, MidpointRounding.AwayFromZero);

    public static decimal FromMilli(long milli) => milli / 1000m;
}
