namespace EdgePbx.Storage.Reports;

/// <summary>Sums over a group of calls. Seconds are talk time from start to end; billed seconds are what the tariff charged.</summary>
public readonly record struct ReportTotals(long Calls, long Answered, long Missed, long Seconds, long BilledSeconds, decimal Charge)
{
    public double Minutes => Seconds / 60.0;

    /// <summary>Answered calls over all calls, 0 when there were none.</summary>
    public double AnswerRate => Calls == 0 ? 0 : (double)Answered / Calls;
}
