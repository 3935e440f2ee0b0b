using System.Device.Gpio;
using EdgePbx.Hardware.Buttons;
using EdgePbx.Hardware.Gpio;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Panel;
using EdgePbx.Hardware.Settings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Hardware.Tests.Panel;

public sealed class FallbackTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Missing_gpio_chip_gives_a_working_simulated_panel_and_a_warning()
    {
        var (panel, warning) = FrontPanel.Create(
            new PanelSettings { GpioChip = 4 },
            _time,
            NullLoggerFactory.Instance,
            chip => throw new IOException($"/dev/gpiochip{chip}: No such file or directory"));
        await using var _ = panel;

        Assert.True(panel.IsSimulated);
        Assert.Equal("simulated", panel.Backend);
        Assert.NotNull(warning);
        Assert.Contains("GPIO chip 4 is not available", warning);
        Assert.Contains("No such file", warning);
        Assert.Equal(warning, panel.Warning);

        Assert.True(panel.SetLine(2, LineState.InCall));
        Assert.True(panel.Snapshot().Lines[1].Lit);
    }

    [Fact]
    public async Task Fallback_warning_is_logged_as_a_warning_for_the_journal()
    {
        var logs = new TestSupport.CapturingLoggerFactory();

        var (panel, warning) = FrontPanel.Create(new PanelSettings(), _time, logs, _ => throw new IOException("no chip"));
        await using var _ = panel;

        var entry = Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal(9001, entry.Id.Id);
        Assert.Contains(warning!, entry.Message);
    }

    [Fact]
    public async Task Missing_libgpiod_is_also_a_warning_not_a_crash()
    {
        var (panel, warning) = FrontPanel.Create(
            new PanelSettings(), _time, NullLoggerFactory.Instance, _ => throw new DllNotFoundException("libgpiod.so.2"));
        await using var _ = panel;

        Assert.True(panel.IsSimulated);
        Assert.Contains("libgpiod.so.2", warning);
    }

    [Fact]
    public async Task Busy_pin_gives_a_simulated_panel_and_releases_the_pins_already_opened()
    {
        var chip = new SimulatedGpioDriver(takenPins: [24]);
        var (panel, warning) = FrontPanel.Create(new PanelSettings(), _time, NullLoggerFactory.Instance, _ => chip);
        await using var _ = panel;

        Assert.True(panel.IsSimulated);
        Assert.Contains("panel.buttons.reset (GPIO 24)", warning);
        Assert.Contains("busy", warning);
        Assert.Null(chip.GetMode(12)); // the line LED opened before the failure was closed again
        Assert.Null(chip.GetMode(23));
    }

    [Fact]
    public async Task Busy_led_pin_is_reported_with_its_number()
    {
        var chip = new SimulatedGpioDriver(takenPins: [6]);
        var (panel, warning) = FrontPanel.Create(new PanelSettings(), _time, NullLoggerFactory.Instance, _ => chip);
        await using var _ = panel;

        Assert.Contains("panel.status.trunk (GPIO 6)", warning);
        Assert.Null(chip.GetMode(5));
    }

    [Fact]
    public async Task Invalid_settings_fall_back_to_the_reference_board_with_every_problem_named()
    {
        var settings = new PanelSettings
        {
            LineCount = 6,
            Status = new PanelSettings().Status with { Trunk = new() { Pin = 12 } },
            DebounceMs = 0,
        };
        var opened = false;

        var (panel, warning) = FrontPanel.Create(settings, _time, NullLoggerFactory.Instance, _ => { opened = true; return new SimulatedGpioDriver(); });
        await using var _ = panel;

        Assert.False(opened); // an invalid map never touches the real chip
        Assert.True(panel.IsSimulated);
        Assert.Contains("panel.linePins: 4 pins for lineCount 6", warning);
        Assert.Contains("panel.status.trunk.pin: pin 12 is already used by panel.linePins[0].pin", warning);
        Assert.Contains("panel.debounceMs", warning);
        Assert.Equal(6, panel.LineCount);
        Assert.True(panel.SetLine(6, LineState.Ringing));
    }

    [Fact]
    public async Task Simulated_backend_asked_for_gives_no_warning_and_never_opens_the_chip()
    {
        var (panel, warning) = FrontPanel.Create(
            new PanelSettings { Backend = PanelBackendKind.Simulated },
            _time,
            NullLoggerFactory.Instance,
            _ => throw new InvalidOperationException("must not be called"));
        await using var _ = panel;

        Assert.Null(warning);
        Assert.True(panel.IsSimulated);
    }

    [Fact]
    public async Task Working_chip_gives_the_gpio_backend_without_warning()
    {
        var chip = new SimulatedGpioDriver();
        var (panel, warning) = FrontPanel.Create(new PanelSettings { GpioChip = 0 }, _time, NullLoggerFactory.Instance, _ => chip);
        await using var _ = panel;

        Assert.Null(warning);
        Assert.False(panel.IsSimulated);
        Assert.Equal("gpiochip0", panel.Backend);
        Assert.False(panel.SetVirtualButton(PanelButton.Night, true)); // real buttons only
    }

    [Fact]
    public async Task Virtual_buttons_on_the_simulated_panel_go_through_debounce_and_long_press()
    {
        var (panel, _) = FrontPanel.Create(new PanelSettings { Backend = PanelBackendKind.Simulated }, _time, NullLoggerFactory.Instance);
        await using var _panel = panel;
        var events = new List<PanelButtonEvent>();
        panel.ButtonEvent += events.Add;

        Assert.True(panel.SetVirtualButton(PanelButton.Night, true));
        _time.Advance(TimeSpan.FromMilliseconds(10));
        panel.SetVirtualButton(PanelButton.Night, false);   // a 10 ms tap is a bounce
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(events);

        panel.SetVirtualButton(PanelButton.Reset, true);
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(PanelAction.FactoryResetArmed, Assert.Single(events).Action);
    }

    [Fact]
    public async Task Disposing_the_panel_releases_every_pin()
    {
        var chip = new SimulatedGpioDriver();
        var (panel, _) = FrontPanel.Create(new PanelSettings(), _time, NullLoggerFactory.Instance, _ => chip);
        Assert.Equal(PinMode.Output, chip.GetMode(12));

        await panel.DisposeAsync();

        foreach (var pin in new[] { 5, 6, 12, 13, 16, 19, 20, 21, 23, 24, 26 })
        {
            Assert.Null(chip.GetMode(pin));
        }
    }
}
