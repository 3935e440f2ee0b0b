namespace EdgePbx.Routing.Model;

/// <summary>
/// An IVR menu: a prompt, digit ("0"–"9", "*", "#") options, direct extension dialling, and where the
/// call goes once the <paramref name="Retries"/> are spent on timeouts or invalid digits (null hangs up).
/// A retry plays <paramref name="TimeoutPrompt"/> or <paramref name="InvalidPrompt"/> (absent: the menu prompt
/// again). An option (or onTimeout/onInvalid) may be "back": the menu the caller came from.
/// </summary>
public sealed record IvrMenu(
    string Prompt,
    string? Name = null,
    IReadOnlyDictionary<string, string>? Options = null,
    bool DirectDial = false,
    int TimeoutSeconds = 5,
    int Retries = 2,
    string? OnTimeout = null,
    string? OnInvalid = null,
    string? TimeoutPrompt = null,
    string? InvalidPrompt = null)
{
    public IReadOnlyDictionary<string, string> Options { get; init; } = Options ?? new Dictionary<string, string>();
}
