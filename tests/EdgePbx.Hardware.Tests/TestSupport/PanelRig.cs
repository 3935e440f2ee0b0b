using System.Device.Gpio;
using EdgePbx.Hardware.Gpio;
using EdgePbx.Hardware.Panel;
using EdgePbx.Hardware.Settings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Hardware.Tests.TestSupport;

/// <summary>
/// A panel on a simulated chip handed in as if it were the real one, so tests read the very pins
/// the panel drives, with a fake clock that only moves when the test says so.
/// </summary>
internal sealed class PanelRig : IAsyncDisposable
{
    public PanelRig(PanelSettings? settings = null, SimulatedGpioDriver? driver = null, TimeProvider? time = null)
    {
        Driver = driver ?? new SimulatedGpioDriver();
        var panelTime = time ?? Time;
        (Panel, Warning) = FrontPanel.Create(
            (settings ?? new PanelSettings()) with { Backend = PanelBackendKind.Gpio },
            panelTime,
            NullLoggerFactory.Instance,
            _ => Driver);
        Panel.ButtonEvent += Events.Add;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero));

    public SimulatedGpioDriver Driver { get; }

    public FrontPanel Panel { get; }

    public string? Warning { get; }

    public List<PanelButtonEvent> Events { get; } = [];

    public void Advance(int ms) => Time.Advance(TimeSpan.FromMilliseconds(ms));

    /// <summary>Moves time one millisecond at a time, recording each level change of the pin and when it happened.</summary>
    public List<(int AtMs, PinValue Level)> Trace(int pin, int durationMs)
    {
        var trace = new List<(int, PinValue)> { (0, Driver.GetLevel(pin)) };
        for (int ms = 1; ms <= durationMs; ms++)
        {
            Advance(1);
            var level = Driver.GetLevel(pin);
            if (level != trace[^1].Item2)
            {
                trace.Add((ms, level));
            }
        }

        return trace;
    }

    /// <summary>Closes an active-low button contact (pulls the pin to ground).</summary>
    public void Press(int pin) => Driver.SetInput(pin, PinValue.Low);

    public void Release(int pin) => Driver.SetInput(pin, PinValue.High);

    public ValueTask DisposeAsync() => Panel.DisposeAsync();
}
