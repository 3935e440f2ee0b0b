namespace EdgePbx.Sip.Tests;

/// <summary>Finds shared test data by walking up from the test binary (repo clone with ../shared beside it).</summary>
internal static class TestData
{
    public static string Rfc4475Directory { get; } = FindShared("rfc4475");

    public static string Rfc5118Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "rfc5118");

    private static string FindShared(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"shared/testdata/{name} not found above {AppContext.BaseDirectory}");
    }
}
