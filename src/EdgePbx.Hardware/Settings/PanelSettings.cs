namespace EdgePbx.Hardware.Settings;

/// <summary>
/// The "panel" section of the daemon's settings file. Every default is the reference board
/// (hardware/README.md), so an absent section drives the reference board's four-line panel.
/// The settings records use setters, not init: source-generated System.Text.Json fills every
/// init-only property, writing default(T) over the initialiser when a key is absent, and the
/// configuration binder needs setters too. The panel copies what it needs when it starts.
/// </summary>
public sealed record PanelSettings
{
    public PanelBackendKind Backend { get; set; } = PanelBackendKind.Auto;

    /// <summary>The gpiochip number libgpiod opens (0 on a Raspberry Pi 4 and on current Pi 5 kernels).</summary>
    public int GpioChip { get; set; }

    /// <summary>Number of trunk lines/channels shown, numbered 1..LineCount on the panel.</summary>
    public int LineCount { get; set; } = 4;

    /// <summary>Direct line LED pins, line 1 first; ignored when <see cref="ShiftRegister"/> is set.</summary>
    public IReadOnlyList<LedPinSettings> LinePins { get; set; } =
    [
        new() { Pin = 12 },
        new() { Pin = 16 },
        new() { Pin = 20 },
        new() { Pin = 21 },
    ];

    /// <summary>When set, the line LEDs sit on a 74HC595 chain instead of <see cref="LinePins"/>.</summary>
    public ShiftRegisterSettings? ShiftRegister { get; set; }

    public StatusLedPins Status { get; set; } = new()
    {
        Power = new() { Pin = 5 },
        Trunk = new() { Pin = 6 },
        Cloud = new() { Pin = 13 },
        Voicemail = new() { Pin = 19 },
        Night = new() { Pin = 26 },
    };

    public PanelButtonPins Buttons { get; set; } = new()
    {
        Night = new() { Pin = 23 },
        Reset = new() { Pin = 24 },
    };

    /// <summary>A contact must stay unchanged this long before a press or release counts.</summary>
    public int DebounceMs { get; set; } = 30;

    /// <summary>Holding a button this long is a long press.</summary>
    public int LongPressMs { get; set; } = 3000;

    /// <summary>
    /// After the first long press of reset is reported, a second long press must be reported within
    /// this window (so it must start at least longPressMs before the window ends).
    /// </summary>
    public int FactoryResetConfirmMs { get; set; } = 10_000;

    /// <summary>Carried in the confirmation event: the daemon keeps call records unless this is false.</summary>
    public bool KeepCallRecordsOnFactoryReset { get; set; } = true;

    /// <summary>Half period of the ringing blink (on this long, then off this long).</summary>
    public int BlinkMs { get; set; } = 500;

    /// <summary>Half period of the fault blink.</summary>
    public int FastBlinkMs { get; set; } = 125;

    /// <summary>A copy sharing no mutable object with this one.</summary>
    public PanelSettings DeepCopy() => this with
    {
        LinePins = [.. LinePins.Select(p => p with { })],
        ShiftRegister = ShiftRegister is null ? null : ShiftRegister with { },
        Status = new StatusLedPins
        {
            Power = Status.Power is null ? null : Status.Power with { },
            Trunk = Status.Trunk is null ? null : Status.Trunk with { },
            Cloud = Status.Cloud is null ? null : Status.Cloud with { },
            Voicemail = Status.Voicemail is null ? null : Status.Voicemail with { },
            Night = Status.Night is null ? null : Status.Night with { },
        },
        Buttons = new PanelButtonPins
        {
            Night = Buttons.Night is null ? null : Buttons.Night with { },
            Reset = Buttons.Reset is null ? null : Buttons.Reset with { },
        },
    };
}
