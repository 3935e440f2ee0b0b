namespace EdgePbx.Hardware.Panel;

/// <summary>
/// The whole panel at one instant, for the web page's virtual panel. Blink half periods are
/// included so the page can animate between polls with the same timing as the LEDs.
/// </summary>
public sealed record PanelSnapshot(
    DateTimeOffset At,
    string Backend,
    bool Simulated,
    string? Warning,
    IReadOnlyList<LedSnapshot> Status,
    IReadOnlyList<LedSnapshot> Lines,
    bool FactoryResetPending,
    int BlinkMs,
    int FastBlinkMs);
