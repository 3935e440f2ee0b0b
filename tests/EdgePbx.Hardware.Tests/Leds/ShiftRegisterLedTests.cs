using System.Device.Gpio;
using EdgePbx.Hardware.Gpio;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Settings;
using EdgePbx.Hardware.Tests.TestSupport;

namespace EdgePbx.Hardware.Tests.Leds;

/// <summary>Reference 16+ line board: a 74HC595 chain on SER 17, SRCLK 27, RCLK 22, /OE 25.</summary>
public sealed class ShiftRegisterLedTests
{
    private static bool[] Expected(int outputs, params int[] litLines)
    {
        var expected = new bool[outputs];
        foreach (var line in litLines)
        {
            expected[line - 1] = true;
        }

        return expected;
    }

    [Fact]
    public async Task Sixteen_line_board_puts_line_n_on_register_output_n_minus_one()
    {
        var driver = new SimulatedGpioDriver();
        var chain = new Hc595Chain(driver, data: 17, clock: 27, latch: 22, chips: 2);
        await using var rig = new PanelRig(ReferenceBoard.ForLines(16), driver);

        rig.Panel.SetLine(1, LineState.InCall);
        rig.Panel.SetLine(10, LineState.InCall);
        rig.Panel.SetLine(16, LineState.InCall);

        Assert.Equal(Expected(16, 1, 10, 16), chain.Outputs);
        Assert.Equal(PinValue.Low, driver.GetLevel(25)); // OE is active low: outputs enabled
    }

    [Fact]
    public async Task Ringing_line_on_the_register_blinks_edge_by_edge()
    {
        var driver = new SimulatedGpioDriver();
        var chain = new Hc595Chain(driver, 17, 27, 22, chips: 3);
        await using var rig = new PanelRig(ReferenceBoard.ForLines(24), driver);
        rig.Panel.SetLine(2, LineState.InCall);
        rig.Panel.SetLine(20, LineState.Ringing);

        var edges = new List<(int, bool)> { (0, chain.Outputs[19]) };
        for (int ms = 1; ms <= 1600; ms++)
        {
            rig.Advance(1);
            if (chain.Outputs[19] != edges[^1].Item2)
            {
                edges.Add((ms, chain.Outputs[19]));
            }

            Assert.True(chain.Outputs[1]); // the steady line never flickers while the chain is re-shifted
        }

        Assert.Equal([(0, true), (500, false), (1000, true), (1500, false)], edges);
    }

    [Fact]
    public async Task Chain_is_shifted_only_when_a_line_level_changes()
    {
        var driver = new SimulatedGpioDriver();
        var chain = new Hc595Chain(driver, 17, 27, 22, chips: 2);
        await using var rig = new PanelRig(ReferenceBoard.ForLines(16), driver);
        int atStart = chain.Latches;

        rig.Panel.SetLine(5, LineState.InCall);
        rig.Advance(5000);
        rig.Panel.SetStatus(StatusLed.Cloud, true);

        Assert.Equal(atStart + 1, chain.Latches);
    }

    [Fact]
    public async Task Active_low_register_sinks_lit_leds()
    {
        var driver = new SimulatedGpioDriver();
        var chain = new Hc595Chain(driver, 17, 27, 22, chips: 2);
        var settings = ReferenceBoard.ForLines(16);
        settings = settings with { ShiftRegister = settings.ShiftRegister! with { ActiveLow = true } };
        await using var rig = new PanelRig(settings, driver);

        rig.Panel.SetLine(3, LineState.InCall);

        var expected = Expected(16, 3).Select(lit => !lit).ToArray();
        Assert.Equal(expected, chain.Outputs);
    }

    [Fact]
    public async Task Status_leds_stay_on_direct_pins_beside_the_register()
    {
        var driver = new SimulatedGpioDriver();
        await using var rig = new PanelRig(ReferenceBoard.ForLines(16), driver);

        rig.Panel.SetStatus(StatusLed.Power, true);

        Assert.Equal(PinValue.High, driver.GetLevel(5));
    }

    [Fact]
    public async Task Register_outputs_stay_disabled_until_the_first_pattern_is_latched()
    {
        var driver = new SimulatedGpioDriver();
        var chain = new Hc595Chain(driver, 17, 27, 22, chips: 2);
        var oeAtLatch = new List<PinValue>();
        driver.Written += (pin, value) =>
        {
            if (pin == 22 && value == PinValue.High)
            {
                oeAtLatch.Add(driver.GetLevel(25));
            }
        };

        await using var rig = new PanelRig(ReferenceBoard.ForLines(16), driver);
        rig.Panel.SetLine(1, LineState.InCall);

        Assert.Equal([PinValue.High, PinValue.Low], oeAtLatch);
        Assert.Equal(PinValue.Low, driver.GetLevel(25));
        Assert.Equal(PinMode.Output, driver.GetMode(25));
    }

    [Fact]
    public async Task Busy_register_pin_is_named_in_the_warning()
    {
        var driver = new SimulatedGpioDriver(takenPins: [27]);

        await using var rig = new PanelRig(ReferenceBoard.ForLines(16), driver);

        Assert.True(rig.Panel.IsSimulated);
        Assert.Contains("panel.shiftRegister.clockPin (GPIO 27)", rig.Warning);
    }

    [Fact]
    public async Task Active_low_register_keeps_outputs_beyond_the_line_count_dark()
    {
        var driver = new SimulatedGpioDriver();
        var chain = new Hc595Chain(driver, 17, 27, 22, chips: 2);
        var settings = ReferenceBoard.ForLines(12);
        settings = settings with { ShiftRegister = settings.ShiftRegister! with { ActiveLow = true } };
        await using var rig = new PanelRig(settings, driver);

        rig.Panel.SetLine(12, LineState.InCall);

        Assert.Equal(Enumerable.Range(1, 16).Select(output => output != 12), chain.Outputs);
    }
}
