namespace EdgePbx.Storage.Reports;

/// <summary>Totals for one caller region or destination; an empty key means "unknown".</summary>
public sealed record GroupRow(string Key, ReportTotals Totals);
