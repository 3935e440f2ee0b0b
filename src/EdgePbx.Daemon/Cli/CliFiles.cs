namespace EdgePbx.Daemon.Cli;

/// <summary>Reads a file named on the command line, or says in one line why it cannot.</summary>
internal static class CliFiles
{
    public static async Task<byte[]?> ReadAsync(string path, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"edgepbx: {path}: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
