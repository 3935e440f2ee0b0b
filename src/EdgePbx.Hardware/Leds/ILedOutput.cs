namespace EdgePbx.Hardware.Leds;

/// <summary>Puts LED levels on wires. Called with every slot's logical level whenever one changes.</summary>
internal interface ILedOutput
{
    void Show(ReadOnlySpan<bool> lit);
}
