using EdgePbx.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace EdgePbx.Web.Files;

/// <summary>
/// A WAV of the data folder (a prompt, a voicemail message) to the page: served with Range requests answered so
/// the browser's player can seek, or as a named download with <c>?download=1</c>; and the player that loads it.
/// </summary>
public static class WavResponse
{
    public static IResult Serve(HttpContext http, string path, Func<string> downloadName)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(downloadName);
        return Results.File(path, "audio/wav", http.Request.Query["download"] == "1" ? downloadName() : null, enableRangeProcessing: true);
    }

    public static string Player(string url) => $"<audio controls preload=\"metadata\" src=\"{Html.E(url)}\"></audio>";
}
