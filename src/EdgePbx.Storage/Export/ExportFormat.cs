namespace EdgePbx.Storage.Export;

public enum ExportFormat
{
    Csv,
    Json,
}
