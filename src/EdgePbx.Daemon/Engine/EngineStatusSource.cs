using EdgePbx.Daemon.Cloud;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Panel;
using EdgePbx.Storage.Registrar;
using EdgePbx.Switchboard;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Web.Status;

namespace EdgePbx.Daemon.Engine;

/// <summary>The dashboard's live state, from the running engine, the registrar's bindings and the front panel.</summary>
public sealed class EngineStatusSource(CallEngine engine, BindingStore bindings, FrontPanel panel, ActivePlan plan, NightSwitch night, CloudSyncService cloud) : IPbxStatusSource
{
    public PbxStatus Current()
    {
        var status = engine.Status();
        var phones = bindings.LoadActive().Select(b => b.Aor).Distinct(StringComparer.Ordinal).Count();
        var assigned = PanelLines.Assign(plan.Current?.Plan, panel.LineCount);
        // The LED is what the front panel shows (simulated or on GPIO), not a second guess from the engine.
        var leds = panel.Snapshot().Lines;
        var lines = assigned
            .OrderBy(pair => pair.Value)
            .Select(pair =>
            {
                var state = status.Lines.TryGetValue(pair.Key, out var s) ? s : EdgePbx.Switchboard.Events.LineState.Idle;
                var led = leds[pair.Value - 1].Pattern switch
                {
                    LedPattern.Blink => "blinking",
                    LedPattern.On => "green",
                    LedPattern.FastBlink => "red",
                    _ => "off",
                };
                return new LineStatus($"line {pair.Value}: {pair.Key}", led, state.ToString().ToLowerInvariant());
            })
            .ToList();
        var trunk = status.Trunk.ToString().ToLowerInvariant() + (night.IsOn ? " (night switch on)" : string.Empty);
        return new PbxStatus(trunk, phones, status.ActiveCalls.Count, lines, cloud.Describe());
    }
}
