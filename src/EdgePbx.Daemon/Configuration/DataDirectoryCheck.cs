namespace EdgePbx.Daemon.Configuration;

/// <summary>Creates the data directory when missing and proves it is writable before anything depends on it.</summary>
public static class DataDirectoryCheck
{
    public static string? EnsureWritable(string directory)
    {
        string full;
        try
        {
            full = Path.GetFullPath(directory);
            Directory.CreateDirectory(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"'{directory}' cannot be created: {ex.Message}";
        }

        string probe = Path.Combine(full, $".write-probe-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"'{full}' is not writable: {ex.Message}";
        }
        return null;
    }
}
