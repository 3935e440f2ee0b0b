namespace EdgePbx.Hardware.Leds;

/// <summary>Puts LED levels on wires. Called with every slot's logical level whenever one changes.</summary>
internal interface ILedOutput
{
    /// <summary>
    /// Writes what it can; a pin that fails does not stop the others. Returns the first failure
    /// (a lost GPIO line is the machine's fault, reported as a value) or null.
    /// </summary>
    Exception? Show(ReadOnlySpan<bool> lit);
}
