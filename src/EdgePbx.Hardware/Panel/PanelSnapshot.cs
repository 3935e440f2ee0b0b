namespace EdgePbx.Hardware.Panel;

/// <summary>
/// The whole panel at one instant, for the web page's virtual panel. Blink half periods are
/// included so the page can animate between polls with the same timing as the LEDs. Button
/// states are the debounced ones (what the panel believes), so the page shows what counted.
/// </summary>
public sealed record PanelSnapshot(
    DateTimeOffset At,
    string Backend,
    bool Simulated,
    string? Warning,
    IReadOnlyList<LedSnapshot> Status,
    IReadOnlyList<LedSnapshot> Lines,
    bool FactoryResetPending,
    bool NightButtonPressed,
    bool ResetButtonPressed,
    int BlinkMs,
    int FastBlinkMs);
