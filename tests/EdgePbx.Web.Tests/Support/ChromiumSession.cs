using Microsoft.Playwright;

namespace EdgePbx.Web.Tests.Support;

/// <summary>
/// Debian's Chromium on a fresh box: launched, one page open, and the installer's first-run password set (which
/// logs in). Console errors are collected, except the failed-request lines of the status codes a journey
/// provokes on purpose (a refused form answers 400 or 422 and comes back with the problem).
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _errors = [];

    private ChromiumSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors => _errors;

    /// <param name="host">The box.</param>
    /// <param name="expectedStatuses">HTTP statuses the journey provokes on purpose; their console lines are not errors.</param>
    /// <param name="acceptDialogs">Accept confirm() dialogs (forms with data-confirm); Playwright dismisses them otherwise.</param>
    public static async Task<ChromiumSession> FirstRunAsync(WebShellHost host, int[] expectedStatuses, bool acceptDialogs = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(expectedStatuses);
        var (playwright, browser) = await Chromium.LaunchAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var session = new ChromiumSession(playwright, browser, await context.NewPageAsync());
        session.Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !expectedStatuses.Any(s => message.Text.Contains($"status of {s}", StringComparison.Ordinal)))
            {
                session._errors.Add(message.Text);
            }
        };
        if (acceptDialogs)
        {
            session.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        }

        await session.Page.GotoAsync(host.BaseAddress.ToString());
        await session.Page.FillAsync("#user", "installer");
        await session.Page.FillAsync("#password", WebShellHost.Password);
        await session.Page.FillAsync("#confirm", WebShellHost.Password);
        await session.Page.ClickAsync("button[type=submit]");
        await session.Page.WaitForSelectorAsync("#box");
        return session;
    }

    /// <summary>A full-page screenshot saved as a test artefact.</summary>
    public async Task ShotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath(name), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
