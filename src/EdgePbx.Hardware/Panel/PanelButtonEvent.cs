namespace EdgePbx.Hardware.Panel;

/// <summary>
/// Raised by the panel for the daemon. <paramref name="KeepCallRecords"/> matters only for
/// <see cref="PanelAction.FactoryResetConfirmed"/> and comes from panel.keepCallRecordsOnFactoryReset.
/// </summary>
public sealed record PanelButtonEvent(PanelAction Action, DateTimeOffset At, bool KeepCallRecords);
