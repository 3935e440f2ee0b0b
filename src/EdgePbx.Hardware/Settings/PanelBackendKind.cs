namespace EdgePbx.Hardware.Settings;

/// <summary>Which GPIO backend the panel asks for.</summary>
public enum PanelBackendKind
{
    /// <summary>Real GPIO when the chip opens, otherwise the simulated panel with a warning.</summary>
    Auto,

    /// <summary>Real GPIO expected; falling back to simulation still works but is reported.</summary>
    Gpio,

    /// <summary>Never touch GPIO (development machines, tests, demo).</summary>
    Simulated,
}
