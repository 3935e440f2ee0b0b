namespace EdgePbx.Hardware.Panel;

/// <summary>What a button gesture asks of the daemon; the panel itself changes nothing.</summary>
public enum PanelAction
{
    /// <summary>Night button pressed: switch between day and night routing.</summary>
    NightModeToggleRequested,

    /// <summary>First long press of reset: the power LED fast-blinks until confirmed or cancelled.</summary>
    FactoryResetArmed,

    /// <summary>Second long press inside the window: the daemon wipes settings (and call records unless kept).</summary>
    FactoryResetConfirmed,

    /// <summary>The window ran out, or reset was pressed briefly: nothing is wiped.</summary>
    FactoryResetCancelled,
}
