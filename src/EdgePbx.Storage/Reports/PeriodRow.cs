namespace EdgePbx.Storage.Reports;

/// <summary>Totals for the period that starts at <see cref="Start"/> (in the report's local offset).</summary>
public sealed record PeriodRow(DateTimeOffset Start, ReportTotals Totals);
