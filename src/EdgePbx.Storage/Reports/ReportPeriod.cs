namespace EdgePbx.Storage.Reports;

public enum ReportPeriod
{
    Hour,
    Day,
    Month,
}
