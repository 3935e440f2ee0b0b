using Microsoft.Playwright;

namespace EdgePbx.Web.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (never Playwright's own browser download). Outside CI a
/// machine without /usr/bin/chromium skips browser tests; under CI=true the browser must be there.
/// </summary>
public static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    public static string? MissingReason() => File.Exists(Executable)
        ? null
        : Environment.GetEnvironmentVariable("CI") == "true"
            ? throw new InvalidOperationException($"{Executable} is required under CI (apt-get install chromium)")
            : $"{Executable} not installed (apt-get install chromium); browser test skipped";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>Screenshots go beside the test results so CI keeps them as artefacts.</summary>
    public static string ScreenshotPath(string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}
