using System.Threading.Channels;
using EdgePbx.Daemon.Cloud;
using EdgePbx.Daemon.Reset;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Panel;
using EdgePbx.Sip.Registration;
using EdgePbx.Switchboard;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Plans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PanelLineState = EdgePbx.Hardware.Leds.LineState;

namespace EdgePbx.Daemon.Engine;

/// <summary>
/// Carries engine events to the front panel (line LEDs, trunk LED) and to the cloud health report, and the
/// panel's night button to the night switch. The engine never waits on the panel: events come through the
/// engine's drop-oldest queue, and a resync from the engine's snapshot follows every plan change.
/// </summary>
/// <param name="batchClock">
/// Times the pause between batches. The daemon gives it the SIP stack's timer thread: the pause's end then runs
/// the next batch on that thread, which is awake for transaction timers anyway, where the system clock woke its
/// timer thread and a pool worker (which often woke a second) 20 times a second under load.
/// </param>
public sealed partial class PanelBridgeService(
    CallEngine engine, FrontPanel panel, ActivePlan plan, NightSwitch night, BoxHealth health, FactoryReset reset,
    TimeProvider batchClock, ILogger<PanelBridgeService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private volatile IReadOnlyDictionary<string, int> _lines = new Dictionary<string, int>();
    private ChannelReader<EngineEvent>? _subscription;
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var reader = engine.Events.Subscribe();
        _subscription = reader;
        plan.Changed += OnPlanChanged;
        panel.ButtonEvent += OnButton;
        Resync();

        // A registration that changed before the subscription (the carrier answered while the host started) sent
        // its event to no one: show where it stands now; a change from here on comes as an event.
        ShowTrunk(engine.TrunkState);
        panel.SetStatus(StatusLed.Night, night.IsOn);
        _running = PumpAsync(reader, _stop.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        plan.Changed -= OnPlanChanged;
        panel.ButtonEvent -= OnButton;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_subscription is { } subscription)
        {
            engine.Events.Unsubscribe(subscription);
        }
    }

    public void Dispose() => _stop.Dispose();

    /// <summary>
    /// Events are shown in batches at most this often: a LED that follows 50 ms late is not seen to, and waking
    /// a thread for every event (several per call) cost the load run (bench/calls) a pool wake-up each.
    /// </summary>
    internal static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(50);

    private async Task PumpAsync(ChannelReader<EngineEvent> reader, CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var engineEvent))
                {
                    Show(engineEvent);
                }

                await Task.Delay(BatchInterval, batchClock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Show(EngineEvent engineEvent)
    {
        switch (engineEvent)
        {
            case LineChanged changed when _lines.TryGetValue(changed.Extension, out var line):
                panel.SetLine(line, ToPanel(changed.State));
                break;
            case TrunkChanged trunk:
                ShowTrunk(trunk.State);
                break;
            case CallStarted or CallEnded:
                health.SetActiveCalls(engine.ActiveCalls);
                break;
        }
    }

    private void ShowTrunk(TrunkRegistrationState state)
    {
        health.SetTrunkRegistered(state == TrunkRegistrationState.Registered);
        panel.SetStatus(StatusLed.Trunk, state switch
        {
            TrunkRegistrationState.Registered => LedPattern.On,
            TrunkRegistrationState.Registering => LedPattern.Blink,
            TrunkRegistrationState.Failed => LedPattern.FastBlink,
            _ => LedPattern.Off,
        });
    }

    private void OnPlanChanged(PlanSnapshot snapshot) => Resync();

    /// <summary>Re-reads the line assignment from the plan and every line's state from the engine's board.</summary>
    private void Resync()
    {
        var lines = PanelLines.Assign(plan.Current?.Plan, panel.LineCount);
        _lines = lines;
        var states = engine.Lines.Snapshot();
        for (var line = 1; line <= panel.LineCount; line++)
        {
            panel.SetLine(line, PanelLineState.Idle);
        }

        foreach (var (extension, line) in lines)
        {
            if (states.TryGetValue(extension, out var state))
            {
                panel.SetLine(line, ToPanel(state));
            }
        }
    }

    private void OnButton(PanelButtonEvent button)
    {
        switch (button.Action)
        {
            case PanelAction.NightModeToggleRequested:
                try
                {
                    var on = night.Toggle();
                    panel.SetStatus(StatusLed.Night, on);
                    LogNight(logger, on ? "night" : "day");
                }
                catch (IOException ex)
                {
                    LogNightNotSaved(logger, ex.Message);
                }

                break;
            case PanelAction.FactoryResetConfirmed:
                // Off the panel's timer thread: the wipe writes the database and then stops the daemon.
                _ = Task.Run(() => reset.RunAsync(button.KeepCallRecords, CancellationToken.None));
                break;
        }
    }

    private static PanelLineState ToPanel(EdgePbx.Switchboard.Events.LineState state) => state switch
    {
        EdgePbx.Switchboard.Events.LineState.Ringing => PanelLineState.Ringing,
        EdgePbx.Switchboard.Events.LineState.Up => PanelLineState.InCall,
        _ => PanelLineState.Idle,
    };

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Night switch: {Mode} routing now applies")]
    private static partial void LogNight(ILogger logger, string mode);

    [LoggerMessage(EventId = 61, Level = LogLevel.Error, Message = "Night switch could not be saved: {Reason}")]
    private static partial void LogNightNotSaved(ILogger logger, string reason);
}
