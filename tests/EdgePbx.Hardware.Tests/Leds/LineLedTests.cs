using System.Device.Gpio;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Panel;
using EdgePbx.Hardware.Settings;
using EdgePbx.Hardware.Tests.TestSupport;

namespace EdgePbx.Hardware.Tests.Leds;

/// <summary>Reference board: lines 1..4 on GPIO 12, 16, 20, 21, active high.</summary>
public sealed class LineLedTests
{
    private static readonly PinValue H = PinValue.High;
    private static readonly PinValue L = PinValue.Low;

    [Fact]
    public async Task Line_leds_start_dark_and_idle_stays_dark()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetLine(1, LineState.Idle);

        Assert.Equal([(0, L)], rig.Trace(12, 3000));
        Assert.Equal(PinMode.Output, rig.Driver.GetMode(12));
    }

    [Fact]
    public async Task Ringing_line_lights_at_once_then_blinks_500_ms_on_500_ms_off()
    {
        await using var rig = new PanelRig();
        rig.Advance(137);
        rig.Panel.SetLine(2, LineState.Ringing);

        Assert.Equal([(0, H), (500, L), (1000, H), (1500, L), (2000, H), (2500, L)], rig.Trace(16, 2999));
    }

    [Fact]
    public async Task Answered_line_is_steady_on()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetLine(3, LineState.Ringing);
        rig.Advance(700);
        rig.Panel.SetLine(3, LineState.InCall);

        Assert.Equal([(0, H)], rig.Trace(20, 3000));
    }

    [Fact]
    public async Task Faulty_line_fast_blinks_125_ms_on_125_ms_off()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetLine(4, LineState.Fault);

        Assert.Equal([(0, H), (125, L), (250, H), (375, L), (500, H)], rig.Trace(21, 600));
    }

    [Fact]
    public async Task Hang_up_turns_a_ringing_line_off_and_it_stays_off()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetLine(1, LineState.Ringing);
        rig.Advance(200);
        rig.Panel.SetLine(1, LineState.Idle);

        Assert.Equal([(0, L)], rig.Trace(12, 3000));
    }

    [Fact]
    public async Task Telling_the_same_state_again_keeps_the_blink_phase()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetLine(1, LineState.Ringing);
        rig.Advance(400);
        rig.Panel.SetLine(1, LineState.Ringing);

        Assert.Equal([(0, H), (100, L), (600, H)], rig.Trace(12, 700));
    }

    [Fact]
    public async Task Each_line_blinks_from_its_own_start_independently()
    {
        await using var rig = new PanelRig();
        rig.Panel.SetLine(1, LineState.Ringing);
        rig.Advance(200);
        rig.Panel.SetLine(2, LineState.Ringing);

        var line1 = new List<(int, PinValue)>();
        var line2 = new List<(int, PinValue)>();
        for (int ms = 1; ms <= 1000; ms++)
        {
            rig.Advance(1);
            line1.Add((ms, rig.Driver.GetLevel(12)));
            line2.Add((ms, rig.Driver.GetLevel(16)));
        }

        Assert.Equal(L, line1[299].Item2);   // 500 ms after line 1 started
        Assert.Equal(H, line1[298].Item2);
        Assert.Equal(L, line2[499].Item2);   // 500 ms after line 2 started
        Assert.Equal(H, line2[498].Item2);
    }

    [Fact]
    public async Task Active_low_line_led_pin_is_low_when_lit_and_high_when_dark()
    {
        var settings = new PanelSettings
        {
            LinePins = [new() { Pin = 12, ActiveLow = true }, new() { Pin = 16 }, new() { Pin = 20 }, new() { Pin = 21 }],
        };
        await using var rig = new PanelRig(settings);
        Assert.Equal(H, rig.Driver.GetLevel(12));

        rig.Panel.SetLine(1, LineState.Ringing);

        Assert.Equal([(0, L), (500, H), (1000, L)], rig.Trace(12, 1200));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public async Task A_line_the_panel_does_not_have_is_refused_without_touching_pins(int line)
    {
        await using var rig = new PanelRig();
        var writes = 0;
        rig.Driver.Written += (_, _) => writes++;

        Assert.False(rig.Panel.SetLine(line, LineState.InCall));
        Assert.Equal(0, writes);
    }

    [Fact]
    public async Task Blinking_sixteen_lines_needs_no_more_timers_than_blinking_one()
    {
        var one = new CountingTimeProvider(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        await using (var rig = new PanelRig(ReferenceBoard.ForLines(1), time: one))
        {
            rig.Panel.SetLine(1, LineState.Ringing);
        }

        var sixteen = new CountingTimeProvider(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        await using (var rig = new PanelRig(ReferenceBoard.ForLines(16), time: sixteen))
        {
            for (int line = 1; line <= 16; line++)
            {
                rig.Panel.SetLine(line, line % 2 == 0 ? LineState.Ringing : LineState.Fault);
            }
        }

        Assert.Equal(one.TimersCreated, sixteen.TimersCreated);
    }

    [Fact]
    public async Task Losing_a_pin_while_blinking_is_logged_once_and_the_other_leds_keep_going()
    {
        var logs = new CapturingLoggerFactory();
        var driver = new EdgePbx.Hardware.Gpio.SimulatedGpioDriver();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var (panel, _) = FrontPanel.Create(new PanelSettings(), time, logs, _ => driver);
        await using var _panel = panel;
        panel.SetLine(1, LineState.Ringing);
        panel.SetLine(2, LineState.Ringing);

        driver.LosePin(12);
        var line2 = new List<(int, PinValue)>();
        for (int ms = 1; ms <= 1000; ms++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));   // timer callbacks hit the lost pin: must not throw
            if (ms % 500 == 0)
            {
                line2.Add((ms, driver.GetLevel(16)));
            }
        }

        Assert.Single(logs.Entries, e => e.Id.Id == 9003);
        Assert.Equal([(500, L), (1000, H)], line2);
    }
}
