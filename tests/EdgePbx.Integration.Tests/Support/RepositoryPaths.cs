namespace EdgePbx.Integration.Tests.Support;

/// <summary>Finds the repository root (the folder holding EdgePbx.sln) from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgePbx.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("EdgePbx.sln not found above " + AppContext.BaseDirectory);
    }
}
