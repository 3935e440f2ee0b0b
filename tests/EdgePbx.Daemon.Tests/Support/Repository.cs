namespace EdgePbx.Daemon.Tests.Support;

/// <summary>The checkout the tests run from (examples/, src/ files the tests read).</summary>
internal static class Repository
{
    /// <summary>The folder holding EdgePbx.sln, found upwards from the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgePbx.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
